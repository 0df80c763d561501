// Inserimento valori, for a semester nobody has written yet: moving and
// saving with the keyboard, checking before saving, what Panoramica counts,
// a refused value tied to its field, and an editor writing for another
// entity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flash, follow, options, readTable, signIn } from './app.mjs';
import { checkAccessibility, screenshot, useSuite } from './harness.mjs';

const PERIOD = '2024S1';
const ENTITY = 'carpi';

let suite;
let admin;
let managers;

useSuite(async (started) => {
  suite = started;
  admin = await signIn(suite, 'admin');
  await admin.page.goto(gridUrl(''));
  managers = (await options(admin.page.getByLabel('Dirigente', { exact: true })))
    .map((option) => option.value).filter((value) => value !== '');
  assert.ok(managers.length >= 3, `dirigenti offered: ${managers.join(', ')}`);
}, () => admin?.browser.close());

function gridUrl(manager, entity = ENTITY) {
  const query = new URLSearchParams({ periodo: PERIOD, ente: entity, dirigente: manager });
  return `${suite.url}/inserimento?${query}`;
}

const gridTable = (page) => page.locator('form[data-entry-grid] table');
const valueInput = (page, code) => page.getByLabel(`Valore di ${code}`, { exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });

// A value written as in the appendix that suits the row's target ("Obiettivo"):
// a percentage where the target is one, else the target's own number, else a
// count.
function plausibleValue(target) {
  if (target.includes('%')) return '80,5%';
  return target.match(/\d[\d.]*(,\d+)?/)?.[0] ?? '12';
}

// Panoramica of the period for the entity: "Valori mancanti" and the
// "Completezza per dirigente" rows by dirigente.
async function overview(page) {
  await page.goto(`${suite.url}/panoramica?periodo=${PERIOD}&ente=${ENTITY}`);
  const missing = await page.getByText(/^Valori mancanti: \d+$/).innerText();
  const rows = await readTable(page.getByRole('table', { name: 'Completezza per dirigente' }));
  return {
    missing: Number(missing.match(/\d+/)[0]),
    entered: Object.fromEntries(rows.map((row) => [row.Dirigente, Number(row['Valori inseriti'])])),
  };
}

test('the grid moves with arrow keys and Enter, and saves from the keyboard', { timeout: 90_000 }, async () => {
  const { page } = admin;
  await page.goto(gridUrl(managers[1]));
  const rows = await readTable(gridTable(page));
  assert.ok(rows.length >= 2, `${rows.length} rows for ${managers[1]}`);
  const [first, second] = rows;
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');

  await valueInput(page, first.Codice).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), `valore-${second.Codice}`);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), `valore-${first.Codice}`);

  await page.keyboard.type(plausibleValue(first.Obiettivo));
  await page.keyboard.press('Enter');
  assert.equal(await focused(), `valore-${second.Codice}`);
  await page.keyboard.type(plausibleValue(second.Obiettivo));

  const isSave = () => page.evaluate(() => document.activeElement?.textContent.trim() === 'Salva tutti i valori');
  for (let presses = 0; presses < 2 * rows.length + 4 && !(await isSave()); presses++) {
    await page.keyboard.press('Tab');
  }
  assert.ok(await isSave(), 'Tab never reached "Salva tutti i valori"');
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(response.status(), 200);
  assert.equal(await flash(page, 'status').innerText(), `2 valori salvati (${first.Codice}, ${second.Codice}).`);
  assert.equal(await valueInput(page, first.Codice).inputValue(), plausibleValue(first.Obiettivo));
  assert.equal(await valueInput(page, second.Codice).inputValue(), plausibleValue(second.Obiettivo));
});

// Runs after the test above: Panoramica counts missing values only once the
// period has some.
test('"Verifica" stores nothing; "Salva tutti i valori" stores what Panoramica then counts', { timeout: 90_000 }, async () => {
  const { page } = admin;
  const manager = managers[0];
  const before = await overview(page);
  assert.ok(manager in before.entered, `no "Completezza per dirigente" row for ${manager}`);

  await page.goto(gridUrl(manager));
  const rows = await readTable(gridTable(page));
  for (const row of rows) {
    await valueInput(page, row.Codice).fill(plausibleValue(row.Obiettivo));
  }
  const checked = await follow(page, button(page, 'Verifica'));
  assert.equal(checked.status(), 200);
  assert.match(await flash(page, 'status').innerText(), new RegExp(`^Verifica riuscita: ${rows.length} valori`));
  assert.deepEqual(await overview(page), before, 'Verifica changed Panoramica');

  await page.goto(gridUrl(manager));
  for (const row of rows) {
    await valueInput(page, row.Codice).fill(plausibleValue(row.Obiettivo));
  }
  await follow(page, button(page, 'Salva tutti i valori'));
  const codes = rows.map((row) => row.Codice).join(', ');
  assert.equal(await flash(page, 'status').innerText(), `${rows.length} valori salvati (${codes}).`);

  const after = await overview(page);
  assert.equal(after.missing, before.missing - rows.length);
  assert.equal(after.entered[manager], before.entered[manager] + rows.length);
});

test('a refused value comes back (400, as the REST edge answers it) with its reason tied to the field', { timeout: 90_000 }, async () => {
  const { page } = admin;
  await page.goto(gridUrl(managers[2]));
  const rows = await readTable(gridTable(page));
  const row = rows.find((candidate) => candidate.Obiettivo.includes('%'));
  assert.ok(row, `no row with a percentage target for ${managers[2]}`);
  await valueInput(page, row.Codice).fill('abc');
  const response = await follow(page, button(page, 'Salva tutti i valori'));
  assert.equal(response.status(), 400);
  assert.equal(await flash(page, 'alert').innerText(), 'Nessun valore salvato: 1 valore da correggere.');
  const input = valueInput(page, row.Codice);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  const reasonId = await input.getAttribute('aria-describedby');
  assert.equal(reasonId, `errore-${row.Codice}`);
  const reason = await page.locator(`[id="${reasonId}"]`).innerText();
  assert.match(reason, /abc/, `reason: "${reason}"`);
  await screenshot(page, 'admin-inserimento-errore');
  await checkAccessibility(page);

  await page.goto(gridUrl(managers[2]));
  assert.equal(await valueInput(page, row.Codice).inputValue(), '');
});

test('the editor of carpi cannot write for soliera', { timeout: 90_000 }, async () => {
  const editor = await signIn(suite, 'editor');
  try {
    const { page } = editor;
    const valueOf = async (code) => {
      await page.goto(gridUrl('', 'soliera'));
      return (await readTable(gridTable(page))).find((row) => row.Codice === code).Valore;
    };
    await page.goto(gridUrl(''));
    const [{ Codice: code }] = await readTable(gridTable(page));
    const before = await valueOf(code);

    // The editor's own grid, its hidden "ente" pointed at soliera: the
    // session's CSRF token, a multipart POST to /inserimento.
    await page.goto(gridUrl(''));
    await page.locator('form[data-entry-grid] input[name="ente"]').evaluate((input) => { input.value = 'soliera'; });
    await valueInput(page, code).fill('42');
    const response = await follow(page, button(page, 'Salva tutti i valori'));
    assert.equal(response.status(), 403);
    assert.match(await flash(page, 'alert').innerText(), /^Operazione non consentita: non si possono scrivere i valori di questo ente\./);

    const after = await valueOf(code);
    assert.equal(after, before);
    assert.notEqual(after, '42');
  } finally {
    await editor.browser.close();
  }
});
