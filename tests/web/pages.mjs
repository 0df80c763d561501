// Every page as one of the three people: its heading, the layout, what the
// role may do, WCAG 2.1 AA. One test file per role (pages_<role>.test.mjs),
// so that the three run side by side.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { options, signIn } from './app.mjs';
import { checkAccessibility, screenshot, useSuite } from './harness.mjs';

const PAGES = [
  { name: 'panoramica', path: '/panoramica', h1: 'Panoramica', menu: 'Panoramica' },
  { name: 'inserimento', path: '/inserimento?periodo=2023S2&ente=carpi', h1: 'Inserimento valori', menu: 'Inserimento valori' },
  { name: 'validazione', path: '/validazione?periodo=2023S2', h1: 'Validazione esiti', menu: 'Validazione esiti' },
  { name: 'periodi', path: '/periodi?periodo=2023S2', h1: 'Periodi e snapshot', menu: 'Periodi e snapshot' },
  { name: 'registro', path: '/registro', h1: 'Registro modifiche', menu: 'Registro modifiche' },
  { name: 'indicatore', path: '/indicatore?codice=00002&periodo=2023S2&ente=carpi', h1: 'Indicatore 00002' },
  { name: 'linea', path: '/linea?codice=01.02.01&periodo=2023S2', h1: 'Linea di programmazione 01.02.01' },
  { name: 'dichiarazione-accessibilita', path: '/dichiarazione-accessibilita', h1: 'Dichiarazione di accessibilità' },
  { name: 'non-trovato', path: '/pagina-che-non-esiste', h1: 'Non trovato', status: 404 },
];

const MENU = ['Panoramica', 'Inserimento valori', 'Validazione esiti', 'Periodi e snapshot', 'Registro modifiche'];

const grid = (page) => page.locator('form[data-entry-grid]');
const saveAll = (page) => page.getByRole('button', { name: 'Salva tutti i valori', exact: true });
const lockButton = (page) => page.getByRole('button', { name: 'Blocca il periodo', exact: true });

// Per role: the header's "<principal> – <role>", and per page what only
// that role sees.
const ROLES = {
  admin: {
    header: 'amministratore – amministratore',
    facts: {
      inserimento: async (page) => {
        assert.ok(await grid(page).getByRole('textbox').count() > 0, 'the grid has no inputs');
        assert.equal(await saveAll(page).count(), 1);
      },
      periodi: async (page) => assert.equal(await lockButton(page).count(), 1),
    },
  },
  editor: {
    header: 'redattore.carpi – redattore (carpi)',
    facts: {
      inserimento: async (page) => {
        const entities = await options(page.getByLabel('Ente', { exact: true }));
        assert.deepEqual(entities.map((option) => option.value), ['carpi']);
      },
    },
  },
  viewer: {
    header: 'revisore – lettore',
    facts: {
      inserimento: async (page) => {
        assert.equal(await grid(page).getByRole('textbox').count(), 0);
        assert.equal(await saveAll(page).count(), 0);
        assert.match(await page.getByRole('main').innerText(), /Valori in sola lettura/);
      },
      periodi: async (page) => {
        assert.equal(await lockButton(page).count(), 0);
        assert.match(await page.getByRole('main').innerText(),
          /Bloccare i periodi e salvare snapshot spetta all'amministratore\./);
      },
    },
  },
};

// Registers the page tests of `role` (a key of ROLES) on a suite of their own.
export function testEveryPageAs(role) {
  const { header, facts } = ROLES[role];
  let suite;
  useSuite((started) => { suite = started; });

  describe(`as ${role}`, () => {
    let session;
    before(async () => { session = await signIn(suite, role); }, { timeout: 60_000 });
    after(async () => { await session?.browser.close(); });

    for (const { name, path, h1, menu, status = 200 } of PAGES) {
      // A hang guard, not a speed check: axe-core takes seconds on the
      // longest pages, more when other tests share the cores.
      test(`${name}`, { timeout: 180_000 }, async () => {
        const { page } = session;
        const response = await page.goto(`${suite.url}${path}`);
        assert.equal(response.status(), status);
        assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), h1);
        await assertLayout(page, header, menu);
        await facts[name]?.(page);
        await screenshot(page, `${role}-${name}`);
        await checkAccessibility(page);
      });
    }
  });
}

// The header, the menu (the current page marked) and the footer.
async function assertLayout(page, header, current) {
  assert.ok(await page.getByRole('banner').getByText(header, { exact: true }).isVisible(),
    `the header does not show "${header}"`);
  const menu = page.getByRole('navigation', { name: 'Menu principale' });
  const links = await menu.getByRole('link').evaluateAll((anchors) => anchors.map(
    (a) => ({ text: a.textContent.trim(), current: a.getAttribute('aria-current') })));
  assert.deepEqual(links.map((link) => link.text), MENU);
  assert.deepEqual(links.filter((link) => link.current === 'page').map((link) => link.text),
    current ? [current] : []);
  const footer = page.getByRole('contentinfo');
  assert.match(await footer.innerText(), /Ultimo aggiornamento: \d{2}\/\d{2}\/\d{4}/);
  assert.equal(await footer.getByRole('link', { name: 'Dichiarazione di accessibilità' })
    .getAttribute('href'), '/dichiarazione-accessibilita');
}
