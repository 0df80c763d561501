// The session: its cookie, a form posted without the session's CSRF token,
// signing out, and the accessibility statement signed out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signIn } from './app.mjs';
import { checkAccessibility, screenshot, useSuite } from './harness.mjs';

let suite;
useSuite((started) => { suite = started; });

describe('the session', () => {
  let session;
  before(async () => { session = await signIn(suite, 'admin'); }, { timeout: 60_000 });
  after(async () => { await session?.browser.close(); });

  test('its cookie is HttpOnly, Secure and SameSite=Strict', async () => {
    const cookies = await session.page.context().cookies(suite.url);
    assert.ok(cookies.length > 0, 'signed in, yet no cookie');
    for (const { name, httpOnly, secure, sameSite } of cookies) {
      assert.deepEqual({ name, httpOnly, secure, sameSite }, { name, httpOnly: true, secure: true, sameSite: 'Strict' });
    }
  });

  test('a form posted without the session\'s CSRF token is refused and changes nothing',
    { timeout: 60_000 }, async () => {
      const { page } = session;
      const gridPath = '/inserimento?periodo=2023S2&ente=carpi';
      await page.goto(`${suite.url}${gridPath}`);
      const input = page.getByLabel('Valore di 00002', { exact: true });
      const before = await input.inputValue();
      for (const csrf of ['vl_not-the-session-token', '']) {
        const response = await page.request.post(`${suite.url}/inserimento`, {
          multipart: {
            csrf, periodo: '2023S2', ente: 'carpi', dirigente: '',
            'valore.00002': '77,7%', 'nota.00002': '', azione: 'salva',
          },
          maxRedirects: 0,
        });
        assert.equal(response.status(), 403, `csrf "${csrf}"`);
      }
      await page.goto(`${suite.url}${gridPath}`);
      assert.equal(await input.inputValue(), before);
      assert.notEqual(before, '77,7%');
    });

  test('"Esci" signs out: the session no longer opens any page', { timeout: 60_000 }, async () => {
    const { page } = session;
    await page.goto(`${suite.url}/panoramica`);
    const cookies = await page.context().cookies(suite.url);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/accesso'),
      page.getByRole('button', { name: 'Esci', exact: true }).click(),
    ]);
    await page.goto(`${suite.url}/panoramica`);
    assert.equal(new URL(page.url()).pathname, '/accesso');
    // The old cookie, put back, opens nothing either: the session is gone.
    await page.context().addCookies(cookies);
    await page.goto(`${suite.url}/panoramica`);
    assert.equal(new URL(page.url()).pathname, '/accesso');
  });

  test('the accessibility statement opens signed out too', { timeout: 60_000 }, async () => {
    const { page } = session;
    await page.context().clearCookies();
    const response = await page.goto(`${suite.url}/dichiarazione-accessibilita`);
    assert.equal(response.status(), 200);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Dichiarazione di accessibilità');
    assert.equal(await page.getByRole('navigation', { name: 'Menu principale' }).count(), 0);
    await screenshot(page, 'anonimo-dichiarazione-accessibilita');
    await checkAccessibility(page);
  });
});
