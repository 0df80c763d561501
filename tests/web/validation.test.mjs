// Validazione esiti: a validated outcome that differs from the computed one
// needs a justification; once given, the item, Panoramica's list and the
// audit log show it; people other than the administrator get no form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flash, follow, readTable, signIn } from './app.mjs';
import { checkAccessibility, screenshot, useSuite } from './harness.mjs';

const PAGE = '/validazione?periodo=2023S2';
const JUSTIFICATION = 'Dato definitivo del servizio: obiettivo raggiunto a fine semestre';

let suite;
useSuite((started) => { suite = started; });

// An item's section: its code, and the "Esito calcolato: X · Esito
// validato: Y" it shows.
async function readItem(section) {
  const heading = await section.getByRole('heading', { level: 2 }).innerText();
  const facts = section.locator('p', { hasText: 'Esito calcolato:' });
  assert.match(await facts.innerText(), /^Esito calcolato: .+ · Esito validato: /);
  const [computed, validated] = (await facts.locator('strong').allInnerTexts()).map((text) => text.trim());
  return { code: heading.split(' – ')[0].split(' ').pop(), computed, validated };
}

test('a different outcome needs a justification, and is then shown and logged', { timeout: 120_000 }, async () => {
  const { browser, page } = await signIn(suite, 'admin');
  try {
    await page.goto(`${suite.url}${PAGE}`);
    const first = page.locator('section').first();
    const item = await readItem(first);
    const section = page.getByRole('region', { name: new RegExp(` ${item.code.replace(/\./g, '\\.')} – `) });
    const labels = (await section.getByLabel('Esito validato').locator('option').allInnerTexts())
      .map((label) => label.trim());
    const chosen = labels.find((label) => ![item.computed, item.validated]
      .some((shown) => shown.toLowerCase() === label.toLowerCase()));
    assert.ok(chosen, `no outcome other than ${item.computed} and ${item.validated}`);
    const validate = section.getByRole('button', { name: `Valida l'esito di ${item.code}`, exact: true });

    await section.getByLabel('Esito validato').selectOption({ label: chosen });
    await section.getByLabel('Motivazione').fill('');
    await follow(page, validate);
    assert.match(await flash(page, 'alert').innerText(), /^Dati non validi: /);
    assert.deepEqual(await readItem(section), item, 'refused, yet the item changed');
    await screenshot(page, 'admin-validazione-errore');
    await checkAccessibility(page);

    await section.getByLabel('Esito validato').selectOption({ label: chosen });
    await section.getByLabel('Motivazione').fill(JUSTIFICATION);
    await follow(page, validate);
    assert.equal(await flash(page, 'status').innerText(), `Esito di ${item.code} validato: ${chosen}.`);
    assert.deepEqual(await readItem(section), { ...item, validated: chosen });

    await page.goto(`${suite.url}/panoramica?periodo=2023S2`);
    const differences = await readTable(page.getByRole('table', { name: 'Esiti validati diversi da quelli calcolati' }));
    const listed = differences.find((row) => row.Codice === item.code);
    assert.ok(listed, `${item.code} is not among the differences`);
    assert.equal(listed['Esito validato'].toLowerCase(), chosen.toLowerCase());
    assert.equal(listed.Motivazione, JUSTIFICATION);

    await page.goto(`${suite.url}/registro?voce=${encodeURIComponent(item.code)}`);
    const events = await readTable(page.getByRole('table', { name: 'Modifiche registrate, dalla più recente' }));
    const logged = events.filter((event) => event['Nota o motivo'] === JUSTIFICATION);
    assert.equal(logged.length, 1, `events of ${item.code}: ${JSON.stringify(events)}`);
    assert.equal(logged[0].Persona, 'amministratore');
    assert.equal(logged[0].Voce, item.code);
    assert.equal(logged[0].Periodo, '2023S2');
    assert.equal(logged[0]['Nuovo valore'].toLowerCase(), chosen.toLowerCase());
    assert.deepEqual(events[0], logged[0], 'the validation is not the newest event');
  } finally {
    await browser.close();
  }
});

for (const role of ['viewer', 'editor']) {
  test(`the ${role} sees the items but no form`, { timeout: 60_000 }, async () => {
    const { browser, page } = await signIn(suite, role);
    try {
      await page.goto(`${suite.url}${PAGE}`);
      assert.ok(await page.locator('section').count() > 0, 'no items listed');
      assert.equal(await page.locator('main form[method="post"][action="/validazione"]').count(), 0);
      assert.equal(await page.getByRole('button', { name: /^Valida l'esito/ }).count(), 0);
      assert.match(await page.getByRole('main').innerText(), /La validazione degli esiti spetta all'amministratore\./);
    } finally {
      await browser.close();
    }
  });
}
