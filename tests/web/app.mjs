// What the page tests share: a browser signed in as one of the suite's
// people, following a link or a form to the page it leads to, and reading a
// table or a flash message.
import { launchBrowser, login } from './harness.mjs';

// A browser of its own signed in as `role` (admin, editor or viewer):
// {browser, page}; browser.close() ends it.
export async function signIn(suite, role) {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await login(page, suite.url, suite.tokens[role]);
  return { browser, page };
}

// Clicks `control` (a link or a submit button) and waits for the page it
// leads to; returns that page's response (after any redirect).
export async function follow(page, control) {
  const [response] = await Promise.all([page.waitForNavigation(), control.click()]);
  return response;
}

// The message a form leaves at the top of <main>: role="status" after a
// success, role="alert" after a refusal.
export const flash = (page, role) => page.locator(`main > [role="${role}"].alert`).first();

// The body rows of `table` (a locator), each as {column header: cell text}.
export function readTable(table) {
  return table.evaluate((element) => {
    const headers = [...element.tHead.rows[0].cells].map((cell) => cell.innerText.trim());
    return [...element.tBodies[0].rows].map((row) => Object.fromEntries(
      [...row.cells].map((cell, i) => [headers[i], cell.innerText.trim()])));
  });
}

// The options of a <select> (a locator): [{value, label}].
export function options(select) {
  return select.evaluate((element) => [...element.options].map(
    (option) => ({ value: option.value, label: option.label })));
}
