// Signing in: the login page, a wrong token, the administrator's token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAccessibility, launchBrowser, login, screenshot, useSuite } from './harness.mjs';

let suite;
let browser;
useSuite(async (started) => {
  suite = started;
  browser = await launchBrowser();
}, () => browser?.close());

const pathOf = (page) => new URL(page.url()).pathname;

test('the login page is accessible', { timeout: 60_000 }, async () => {
  const page = await browser.context.newPage();
  const response = await page.goto(`${suite.url}/accesso`);
  assert.equal(response.status(), 200);
  await screenshot(page, 'accesso');
  await checkAccessibility(page);
});

test('a wrong token stays on the login page with a message', { timeout: 60_000 }, async () => {
  const page = await browser.context.newPage();
  await login(page, suite.url, `vl_${'A'.repeat(43)}`);
  assert.equal(pathOf(page), '/accesso');
  const alert = page.getByRole('alert').first();
  assert.ok(await alert.isVisible(), 'no role="alert" message is shown');
  assert.notEqual((await alert.innerText()).trim(), '');
  await screenshot(page, 'accesso-errore');
});

test('the administrator lands on the overview', { timeout: 60_000 }, async () => {
  const page = await browser.context.newPage();
  await login(page, suite.url, suite.tokens.admin);
  assert.equal(pathOf(page), '/panoramica');
  await screenshot(page, 'panoramica');
});
