// What the web app refuses whatever a page shows: forms from other sites,
// signing someone out with another site's form, return addresses outside
// the app, the preview without a session; and how it answers HEAD, a wrong
// method and a frozen report opened in the browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signIn } from './app.mjs';
import { useSuite } from './harness.mjs';

let suite;
let admin;
let csrf;

useSuite(async (started) => {
  suite = started;
  admin = await signIn(suite, 'admin');
  await admin.page.goto(`${suite.url}/periodi?periodo=2023S2`);
  csrf = await admin.page.locator('input[name="csrf"]').first().inputValue();
}, () => admin?.browser.close());

const post = (path, multipart, headers = {}) => admin.page.request.post(
  `${suite.url}${path}`, { multipart, headers, maxRedirects: 0 });

test('a form sent from another site is refused, even with the right token', async () => {
  const response = await post('/periodi',
    { csrf, periodo: '2023S2', azione: 'blocca', motivo: 'da un altro sito' },
    { 'Sec-Fetch-Site': 'cross-site' });
  assert.equal(response.status(), 403);
  await admin.page.goto(`${suite.url}/periodi?periodo=2023S2`);
  assert.ok(await admin.page.getByText('Periodo aperto').isVisible());
});

test('another site cannot sign a person out', async () => {
  const response = await post('/esci', { csrf: 'not-the-token' });
  assert.equal(response.status(), 403);
  const still = await admin.page.goto(`${suite.url}/panoramica?periodo=2023S2`);
  assert.equal(new URL(still.url()).pathname, '/panoramica');
});

test('a refused form sends back only to a page of the app', async () => {
  for (const ritorno of ['//evil.example/periodi', '/\\evil.example', 'https://evil.example/']) {
    const response = await post('/periodi',
      { csrf, periodo: '2023S2', azione: 'sconosciuta', ritorno });
    assert.equal(response.status(), 303, ritorno);
    const location = response.headers().location;
    assert.ok(location.startsWith('/') && !location.startsWith('//') && !location.includes('evil'),
      `${ritorno} -> ${location}`);
  }
});

test('the preview answers JSON, also without a session', async () => {
  const anonymous = await admin.browser.browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const response = await anonymous.request.post(`${suite.url}/inserimento/anteprima`,
      { multipart: { csrf: 'x', periodo: '2023S2', ente: 'carpi', voce: '00002', valore: '1' }, maxRedirects: 0 });
    assert.equal(response.status(), 401);
    assert.equal((await response.json()).ok, false);
  } finally {
    await anonymous.close();
  }
  const refused = await post('/inserimento/anteprima',
    { csrf: 'not-the-token', periodo: '2023S2', ente: 'carpi', voce: '00002', valore: '1' });
  assert.equal(refused.status(), 403);
  assert.equal((await refused.json()).ok, false);
});

test('HEAD is answered as GET, a wrong method with 405 and Allow', async () => {
  const head = await admin.page.request.fetch(`${suite.url}/panoramica?periodo=2023S2`, { method: 'HEAD' });
  assert.equal(head.status(), 200);
  const wrong = await admin.page.request.get(`${suite.url}/inserimento/anteprima`, { maxRedirects: 0 });
  assert.equal(wrong.status(), 405);
  assert.equal(wrong.headers().allow, 'POST');
});

test('a frozen report opened in the browser is sandboxed', async () => {
  await post('/periodi', { csrf, periodo: '2023S2', azione: 'snapshot' });
  const response = await admin.page.request.get(
    `${suite.url}/periodi/scarica?nome=${encodeURIComponent('snapshots/2023S2/versions/1')}&formato=pagina`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /^sandbox; default-src 'none'/);
  assert.match(await response.text(), /Valore Pubblico/);
});
