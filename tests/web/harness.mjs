// Browser tests of the web app: the whole suite started by scripts/serve.sh
// (TLS, tokens, the shipped data), Debian's chromium driven by
// playwright-core, WCAG 2.1 AA checked by axe-core.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const repoRoot = path.resolve(
  decodeURIComponent(new URL('.', import.meta.url).pathname), '..', '..');

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

// Starts scripts/serve.sh on a free port and waits for its ready file.
// Returns {url, ca, tokens: {admin, editor, viewer}, env, logs, stop()}; env
// holds VALORE_* for the command line, as the administrator.
export async function startSuite() {
  const buildDir = process.env.VALORE_BUILD_DIR || 'build';
  const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'valore-web-'));
  const readyFile = path.join(tmp, 'ready.json');
  const child = spawn(
    path.join(repoRoot, 'scripts', 'serve.sh'),
    [buildDir, '--ready', readyFile, '--listen', '127.0.0.1:0'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  exited.then(() => { running = false; });
  // Should the tests end without stop() (a crash), serve.sh still stops.
  const stopOnExit = () => { if (running) child.kill('SIGTERM'); };
  process.on('exit', stopOnExit);

  const stop = async () => {
    process.off('exit', stopOnExit);
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!fs.existsSync(readyFile)) {
    if (!running) {
      const { code, signal } = await exited;
      await stop();
      throw new Error(`scripts/serve.sh ended (${signal || `status ${code}`}) before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`scripts/serve.sh was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const ready = JSON.parse(fs.readFileSync(readyFile, 'utf8'));
  return { ...ready, stop };
}

// Debian's chromium (or $VALORE_CHROMIUM) and one context: Italian, 1280x900,
// trusting the suite's certificate. CSP is bypassed only so that axe can be
// injected. Returns {browser, context, close()}.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.VALORE_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    bypassCSP: true,
    locale: 'it-IT',
    viewport: { width: 1280, height: 900 },
  });
  return { browser, context, close: () => browser.close() };
}

// Signs in on /accesso with a token, and waits for the page the form leads to.
export async function login(page, url, token) {
  await page.goto(`${url}/accesso`);
  await page.getByLabel('Token di accesso').fill(token);
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.getByRole('button', { name: 'Accedi' }).click();
  await navigated;
  await page.waitForLoadState('load');
}

// Asserts that axe-core finds no WCAG 2.0/2.1 A or AA violation on the page.
export async function checkAccessibility(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  const report = results.violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.slice(0, 3).map((node) => `    ${node.target.join(' ')}`),
    ...(v.nodes.length > 3 ? [`    … and ${v.nodes.length - 3} more`] : []),
  ].join('\n'));
  if (report.length > 0) {
    assert.fail(`${report.length} accessibility violation(s) on ${page.url()}:\n${report.join('\n')}`);
  }
}

// Saves a full-page PNG to out/screenshots/NAME.png; returns its path.
export async function screenshot(page, name) {
  const dir = path.join(repoRoot, 'out', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Starts the suite before a file's tests and stops it after them:
// `onStart(suite)` runs once it is up (to sign people in), `onStop()` before
// it stops (to close their browsers).
export function useSuite(onStart = () => {}, onStop = () => {}) {
  let suite;
  before(async () => {
    suite = await startSuite();
    await onStart(suite);
  }, { timeout: 180_000 });
  after(async () => {
    await onStop();
    await suite?.stop();
  });
}
