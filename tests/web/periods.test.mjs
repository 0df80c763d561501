// Periodi e snapshot: locking a period makes its values read-only and says
// why; a snapshot is listed, opened, downloaded as CSV and HTML and compared
// with the live data; unlocking opens the grid again; only the
// administrator may do any of it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { flash, follow, readTable, signIn } from './app.mjs';
import { checkAccessibility, screenshot, useSuite } from './harness.mjs';

const PERIOD = '2023S2';
const LOCK_REASON = 'Chiusura della rendicontazione del secondo semestre';
const UNLOCK_REASON = 'Correzione chiesta dal servizio Pianificazione';

let suite;
useSuite((started) => { suite = started; });

const periodsUrl = () => `${suite.url}/periodi?periodo=${PERIOD}`;
const gridUrl = () => `${suite.url}/inserimento?periodo=${PERIOD}&ente=carpi`;
const gridInputs = (page) => page.locator('form[data-entry-grid]').getByRole('textbox');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const link = (page, name) => page.getByRole('link', { name, exact: true });

// The value the read-only grid shows for `code`.
async function storedValue(page, code) {
  await page.goto(gridUrl());
  const rows = await readTable(page.locator('form[data-entry-grid] table'));
  return rows.find((row) => row.Codice === code).Valore;
}

// Clicks a download link; returns {name, text} of the file.
async function download(page, control) {
  const [file] = await Promise.all([page.waitForEvent('download'), control.click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

for (const role of ['editor', 'viewer']) {
  test(`the ${role} cannot lock the period`, { timeout: 60_000 }, async () => {
    const { browser, page } = await signIn(suite, role);
    try {
      await page.goto(periodsUrl());
      assert.equal(await page.getByLabel('Motivo del blocco').count(), 0);
      assert.equal(await button(page, 'Blocca il periodo').count(), 0);
      assert.equal(await button(page, 'Salva uno snapshot').count(), 0);
      assert.match(await page.getByRole('main').innerText(),
        /Bloccare i periodi e salvare snapshot spetta all'amministratore\./);

      // The form the administrator would post, with this session's own token.
      const csrf = await page.locator('form[action="/esci"] input[name="csrf"]').inputValue();
      const response = await page.request.post(`${suite.url}/periodi`, {
        form: { csrf, periodo: PERIOD, azione: 'blocca', motivo: 'Tentativo' },
        maxRedirects: 0,
      });
      assert.equal(response.status(), 303);
      await page.goto(new URL(response.headers().location, suite.url).href);
      assert.match(await flash(page, 'alert').innerText(), /^Operazione non consentita/);

      await page.goto(periodsUrl());
      assert.match(await page.getByRole('main').innerText(), /Periodo aperto: i valori si possono inserire e correggere\./);
    } finally {
      await browser.close();
    }
  });
}

test('the administrator locks, snapshots and unlocks the period', { timeout: 180_000 }, async () => {
  const { browser, page } = await signIn(suite, 'admin');
  try {
    await page.goto(gridUrl());
    assert.ok(await gridInputs(page).count() > 0, 'the open period has no inputs');

    await page.goto(periodsUrl());
    await page.getByLabel('Motivo del blocco').fill(LOCK_REASON);
    await follow(page, button(page, 'Blocca il periodo'));
    assert.equal(await flash(page, 'status').innerText(), `Periodo ${PERIOD} bloccato.`);
    assert.equal(await button(page, 'Blocca il periodo').count(), 0);
    assert.equal(await button(page, 'Sblocca il periodo').count(), 1);

    await page.goto(gridUrl());
    assert.match(await page.getByRole('main').innerText(),
      new RegExp(`Il periodo è bloccato \\(${LOCK_REASON}, amministratore\\): i valori sono in sola lettura\\.`));
    assert.equal(await gridInputs(page).count(), 0);
    assert.equal(await button(page, 'Salva tutti i valori').count(), 0);
    // Not only the page: the capture service refuses a write all the same.
    const stored = await storedValue(page, '00002');
    const csrf = await page.locator('form[data-entry-grid] input[name="csrf"]').inputValue();
    const write = await page.request.post(`${suite.url}/inserimento`, {
      multipart: { csrf, periodo: PERIOD, ente: 'carpi', dirigente: '', 'valore.00002': '77,7%', azione: 'salva' },
      maxRedirects: 0,
    });
    assert.ok(write.status() >= 400, `a write in the locked period answered ${write.status()}`);
    assert.match(await write.text(), /role="alert"/);
    assert.equal(await storedValue(page, '00002'), stored);
    await page.goto(`${suite.url}/panoramica?periodo=${PERIOD}`);
    assert.match(await page.getByRole('main').innerText(),
      new RegExp(`Periodo bloccato da amministratore il \\d{2}/\\d{2}/\\d{4}.*: ${LOCK_REASON}`));

    await page.goto(periodsUrl());
    await follow(page, button(page, 'Salva uno snapshot'));
    assert.equal(await flash(page, 'status').innerText(), `Snapshot del periodo ${PERIOD} salvato: versione 1.`);
    const versions = page.getByRole('table', { name: `Snapshot del periodo ${PERIOD}` });
    assert.equal(await versions.locator('tbody tr').count(), 1);
    assert.equal((await versions.locator('tbody tr th').innerText()).trim(), '1');
    await screenshot(page, 'admin-periodi-bloccato');
    await checkAccessibility(page);

    const csv = await download(page, link(page, 'Scarica CSV della versione 1'));
    assert.match(csv.name, /\.csv$/);
    assert.equal(csv.text.split(/\r?\n/)[0], 'table,row,column,count,percent');
    assert.match(csv.text, /^esiti,Totale complessivo DUP \(linea programmazione\),/m);
    const html = await download(page, link(page, 'Scarica HTML della versione 1'));
    assert.match(html.name, /\.html$/);
    assert.match(html.text, /Valore Pubblico/);
    assert.match(html.text, new RegExp(PERIOD));

    await follow(page, link(page, 'Apri la versione 1'));
    assert.match(await page.title(), new RegExp(`Valore Pubblico .* ${PERIOD}`));
    assert.match(await page.locator('body').innerText(), new RegExp(`Periodo: ${PERIOD}`));
    await screenshot(page, 'admin-snapshot-aperto');
    await checkAccessibility(page);

    await page.goto(periodsUrl());
    await follow(page, link(page, 'Confronta con i dati attuali (versione 1)'));
    assert.match(await page.getByRole('main').innerText(),
      /Nessuna differenza: i dati attuali coincidono con lo snapshot\./);

    await page.getByLabel('Motivo dello sblocco').fill(UNLOCK_REASON);
    await follow(page, button(page, 'Sblocca il periodo'));
    assert.equal(await flash(page, 'status').innerText(), `Periodo ${PERIOD} sbloccato.`);
    assert.match(await page.getByRole('main').innerText(), /Periodo aperto: i valori si possono inserire e correggere\./);
    await page.goto(gridUrl());
    assert.ok(await gridInputs(page).count() > 0, 'the grid is still read-only after unlocking');
    assert.equal(await button(page, 'Salva tutti i valori').count(), 1);
  } finally {
    await browser.close();
  }
});
