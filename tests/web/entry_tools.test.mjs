// Inserimento valori's helpers: the outcome a typed value would get, asked
// of the server while typing (a dry run that stores nothing), and the grid
// as CSV, downloaded, filled in and uploaded back, checked before saving.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { flash, follow, signIn } from './app.mjs';
import { checkAccessibility, useSuite } from './harness.mjs';

let suite;
let admin;
useSuite(async (started) => {
  suite = started;
  admin = await signIn(suite, 'admin');
}, () => admin?.browser.close());

const grid = (query) => `${suite.url}/inserimento?${new URLSearchParams(query)}`;
const valueInput = (page, code) => page.getByLabel(`Valore di ${code}`, { exact: true });
const previewOf = (page, code) => page.locator(`tr[data-item="${code}"] [data-preview]`);
// What the grid shows as stored, on a fresh load of it.
const storedValue = async (page, query, code) => {
  await page.goto(grid(query));
  return valueInput(page, code).inputValue();
};

test('typing a value shows the outcome it would get, and stores nothing', { timeout: 90_000 }, async () => {
  const { page } = admin;
  // Carpi's 00002 in 2023S2 has the target "> 85%".
  const query = { periodo: '2023S2', ente: 'carpi' };
  const before = await storedValue(page, query, '00002');
  assert.notEqual(before, '80,5%');
  await valueInput(page, '00002').fill('80,5%');
  await assert.doesNotReject(previewOf(page, '00002').getByText(/^Con 80,5%: quasi raggiunto/).waitFor());
  await valueInput(page, '00002').fill('99%');
  await assert.doesNotReject(previewOf(page, '00002').getByText(/^Con 99%: raggiunto/).waitFor());
  await valueInput(page, '00002').fill('abc');
  await assert.doesNotReject(previewOf(page, '00002').getByText(/^Valore non accettato: /).waitFor());
  await checkAccessibility(page);
  // Nothing was written by asking.
  page.on('dialog', (dialog) => dialog.accept());
  assert.equal(await storedValue(page, query, '00002'), before);
});

test('the grid goes out as CSV and comes back checked, then saved', { timeout: 90_000 }, async () => {
  const { page } = admin;
  const query = { periodo: '2024S1', ente: 'soliera' };
  await page.goto(grid(query));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Scarica la griglia in CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'valori-soliera-2024S1.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  // UTF-8 with a byte order mark, for spreadsheets.
  assert.ok(csv.startsWith('\uFEFF'), 'no byte order mark');
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(lines[0], 'Ente,Codice,Voce,Obiettivo,Valore precedente,Valore,Nota');
  // The first item gets a value and a note, as someone would in a sheet.
  const [entity, code] = lines[1].split(',');
  assert.equal(entity, 'soliera');
  const filled = [lines[0], `soliera,${code},,,,17,"dal foglio, rivisto"`].join('\r\n');
  const file = path.join(fs.mkdtempSync('/tmp/valore-csv-'), 'griglia.csv');
  fs.writeFileSync(file, `${filled}\r\n`);

  await page.getByLabel('File CSV della griglia').setInputFiles(file);
  await follow(page, page.getByRole('button', { name: 'Carica e verifica' }));
  assert.match(await flash(page, 'status').innerText(), /^File verificato: 1 valore si può salvare/);
  // Checked, not stored: the value waits in the grid.
  assert.equal(await valueInput(page, code).inputValue(), '17');
  assert.equal(await page.getByLabel(`Nota di ${code}`, { exact: true }).inputValue(), 'dal foglio, rivisto');
  await follow(page, page.getByRole('button', { name: 'Salva tutti i valori', exact: true }));
  assert.equal(await flash(page, 'status').innerText(), `1 valore salvato (${code}).`);
  assert.equal(await storedValue(page, query, code), '17');

  // As an Italian spreadsheet saves it: semicolons, decimal commas.
  fs.writeFileSync(file, `Ente;Codice;Valore;Nota\r\nsoliera;${code};"17,5";\r\n`);
  await page.getByLabel('File CSV della griglia').setInputFiles(file);
  await follow(page, page.getByRole('button', { name: 'Carica e verifica' }));
  assert.match(await flash(page, 'status').innerText(), /^File verificato: 1 valore/);
  assert.equal(await valueInput(page, code).inputValue(), '17,5');

  // A file naming an item the grid does not have is refused, whole.
  fs.writeFileSync(file, `Codice,Valore\r\nNON.ESISTE,1\r\n`);
  await page.getByLabel('File CSV della griglia').setInputFiles(file);
  await follow(page, page.getByRole('button', { name: 'Carica e verifica' }));
  assert.match(await flash(page, 'alert').innerText(), /NON\.ESISTE/);
});

test("one dirigente's items for every entity at once, one row per entity", { timeout: 90_000 }, async () => {
  const { page } = admin;
  await page.goto(grid({ periodo: '2024S1', ente: 'carpi' }));
  const manager = (await page.getByLabel('Dirigente', { exact: true }).locator('option').nth(1).getAttribute('value'));
  const query = { periodo: '2024S1', ente: 'tutti', dirigente: manager };
  await page.goto(grid(query));
  const table = page.locator('form[data-entry-grid] table');
  const entityNames = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
  const first = await table.locator('tbody tr').first().getAttribute('data-item');
  // Each item once per entity, the entity named in its row and its labels.
  assert.equal(entityNames.length % 5, 0, `rows: ${entityNames.length}`);
  assert.deepEqual(new Set(entityNames.slice(0, 5)).size, 5);
  await page.getByLabel(`Valore di ${first} per Comune di Carpi`, { exact: true }).fill('3');
  await page.getByLabel(`Valore di ${first} per Comune di Soliera`, { exact: true }).fill('4');
  await follow(page, page.getByRole('button', { name: 'Salva tutti i valori', exact: true }));
  assert.equal(await flash(page, 'status').innerText(),
    `2 valori salvati (${first} (Comune di Carpi), ${first} (Comune di Soliera)).`);
  assert.equal(await page.getByLabel(`Valore di ${first} per Comune di Soliera`, { exact: true }).inputValue(), '4');
  await checkAccessibility(page);
  // Each entity's own grid holds its own value.
  assert.equal(await storedValue(page, { periodo: '2024S1', ente: 'carpi' }, first), '3');
});
