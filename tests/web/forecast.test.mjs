// The year-end forecast in the web app: after the README's 2024 targets
// and first-half values (a catalog with three 2024 targets, three values of
// the Union as an entity), Panoramica of 2024S1 shows "Previsione a fine
// anno" with the line at risk linked to its page and every indicator's
// forecast, the indicator page its own forecast; a second half shows none.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { follow, readTable, signIn } from './app.mjs';
import { checkAccessibility, repoRoot, screenshot, useSuite } from './harness.mjs';

const PERIOD = '2024S1';
const AT_RISK = '02.02.03';

let suite;
let viewer;
let data;

// `valore ARGS…` as the suite's administrator.
function valore(...args) {
  const build = path.resolve(repoRoot, process.env.VALORE_BUILD_DIR || 'build');
  return execFileSync(path.join(build, 'cli', 'valore'), args, {
    cwd: repoRoot,
    env: { ...process.env, ...suite.env },
    encoding: 'utf8',
  });
}

useSuite(async (started) => {
  suite = started;
  // The shipped data has 2023's targets only: the README's three for 2024.
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'valore-forecast-'));
  fs.cpSync(path.join(repoRoot, 'data', 'terre-d-argine-2023'), data, { recursive: true });
  fs.writeFileSync(path.join(data, 'targets.csv'),
    ['code,year,target', '00040,2024,2.250', '00002,2024,> 85%', '00051,2024,≤ 433', ''].join('\n'));
  valore('import', data);
  valore('write', 'unione', '00040', PERIOD, '700');
  valore('write', 'unione', '00002', PERIOD, '80,5%');
  valore('write', 'unione', '00051', PERIOD, '260');
  viewer = await signIn(suite, 'viewer');
}, async () => {
  await viewer?.browser.close();
  if (data) fs.rmSync(data, { recursive: true, force: true });
});

const forecastHeading = (page) => page.getByRole('heading', { name: 'Previsione a fine anno', exact: true });

test('Panoramica of a first half shows the lines at risk and the indicators\' forecast', { timeout: 90_000 }, async () => {
  const { page } = viewer;
  await page.goto(`${suite.url}/panoramica?periodo=${PERIOD}`);
  await forecastHeading(page).waitFor();
  await page.getByText(/^1 linea a rischio su \d+ \(previste/).waitFor();

  const atRisk = page.getByRole('table', { name: 'Linee a rischio: andamento previsto a fine anno' });
  const lines = await readTable(atRisk);
  assert.deepEqual(lines.map((row) => row.Linea), [AT_RISK]);
  assert.equal(lines[0]['Andamento previsto'], 'Non raggiunto');
  assert.equal(lines[0]['Indicatori previsti non raggiunti'], '00040');

  const forecasts = page.getByRole('table', { name: 'Indicatori: valore e andamento previsti a fine anno' });
  const rows = Object.fromEntries((await readTable(forecasts)).map((row) => [row.Codice, row]));
  // Numbers as the appendix writes them.
  assert.equal(rows['00040'].Metodo, 'primo semestre raddoppiato');
  assert.equal(rows['00040']['Valore 1° semestre'], '700');
  assert.equal(rows['00040']['Valore previsto'], '1.400');
  assert.equal(rows['00040']['Andamento previsto'], 'non raggiunto');
  assert.equal(rows['00002'].Metodo, 'ultimo valore');
  assert.equal(rows['00002']['Valore previsto'], '80,5%');
  assert.equal(rows['00051']['Valore previsto'], '520');
  // Not projected: the reason instead.
  const unprojected = Object.values(rows).filter((row) => row.Metodo === 'non prevedibile');
  assert.ok(unprojected.length > 0, 'every indicator projected');
  assert.ok(unprojected.every((row) => row['Valore previsto'] === '' && row.Note !== ''),
    `a row not projected without its reason: ${JSON.stringify(unprojected[0])}`);
  // Every code links to its indicator's page.
  assert.equal(await forecasts.locator('tbody th a[href^="/indicatore?codice=00040&"]').count(), 1);

  await checkAccessibility(page);
  await screenshot(page, 'panoramica-previsione');

  // The line at risk leads to its page.
  const response = await follow(page, atRisk.getByRole('link', { name: AT_RISK, exact: true }));
  assert.equal(response.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/linea');
  assert.equal(new URL(page.url()).searchParams.get('periodo'), PERIOD);
  await page.getByRole('heading', { level: 1, name: `Linea di programmazione ${AT_RISK}` }).waitFor();
});

test('the indicator page of a first half shows its own forecast', { timeout: 60_000 }, async () => {
  const { page } = viewer;
  await page.goto(`${suite.url}/indicatore?codice=00040&periodo=${PERIOD}`);
  const term = page.locator('dl.valore-facts dt', { hasText: 'Previsione a fine anno' });
  assert.equal(await term.innerText(), 'Previsione a fine anno (primo semestre raddoppiato)');
  const shown = await term.evaluate((dt) => dt.nextElementSibling.innerText.trim());
  assert.match(shown, /^1\.400: non raggiunto/);
  await checkAccessibility(page);
});

test('Panoramica of a second half shows no forecast', { timeout: 60_000 }, async () => {
  const { page } = viewer;
  await page.goto(`${suite.url}/panoramica?periodo=2023S2`);
  await page.getByRole('table', { name: 'Completezza per dirigente' }).waitFor();
  assert.equal(await forecastHeading(page).count(), 0);
  assert.equal(await page.getByText(/line[ae] a rischio/).count(), 0);
  assert.equal(await page.getByRole('table', { name: /previsti a fine anno/ }).count(), 0);
});
