// The pages of one item: a programme line across semesters (its
// indicators' values per entity and semester, its outcome per semester in a
// chart and a table) and an indicator's trend and revisions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTable, signIn } from './app.mjs';
import { checkAccessibility, useSuite } from './harness.mjs';

let suite;
let viewer;
useSuite(async (started) => {
  suite = started;
  viewer = await signIn(suite, 'viewer');
}, () => viewer?.browser.close());

const facts = async (page) => Object.fromEntries(await page.locator('dl.valore-facts').evaluate(
  (list) => [...list.querySelectorAll('dt')].map((dt) => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])));

test('a line shows its indicators by entity and semester and its outcome per semester', { timeout: 90_000 }, async () => {
  const { page } = viewer;
  await page.goto(`${suite.url}/linea?codice=01.02.01&periodo=2023S2`);
  const shown = await facts(page);
  const history = await readTable(page.getByRole('table', { name: 'Valori degli indicatori della linea per ente e semestre' }));
  assert.ok(history.length > 0 && history.length % 5 === 0, `rows: ${history.length}`);
  assert.ok('2023S2' in history[0], `columns: ${Object.keys(history[0]).join(', ')}`);
  assert.ok(history.some((row) => row['2023S2'] !== '—'), 'no value in 2023S2');
  // The chart's table gives the line's outcome: the validated one when
  // there is one, else the computed one.
  const trend = await readTable(page.getByRole('table', { name: 'Dati del grafico: esito della linea per semestre' }));
  const validated = shown['Esito validato'].split(' ')[0] === '—' ? null : shown['Esito validato'];
  const expected = validated ?? shown['Esito calcolato nel periodo 2023S2'];
  const row = trend.find((r) => r.Semestre === '2023S2');
  assert.ok(row, 'no 2023S2 in the chart');
  assert.ok(expected.startsWith(row.Esito), `chart says ${row.Esito}, the page ${expected}`);
  assert.equal(await page.locator('svg[role="img"] rect').count(), trend.length);
  await checkAccessibility(page);
});
