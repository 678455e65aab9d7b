// Ends every admin session on the server, the other specs' too: its own Playwright project runs it
// after them (see playwright.config.ts), never beside them.
import { expect, loginInBrowser, test } from './fixtures';

test('"Log out everywhere" ends the admin session in every browser', async ({
  browser,
  baseURL,
}) => {
  const [first, second] = [
    await browser.newContext({ baseURL }),
    await browser.newContext({ baseURL }),
  ];
  const [a, b] = [await first.newPage(), await second.newPage()];
  await loginInBrowser(a);
  await loginInBrowser(b);
  await a.getByRole('button', { name: 'End all admin sessions' }).click();
  await a.waitForURL((url) => url.pathname === '/admin/login');
  await b.goto('/admin');
  await b.waitForURL((url) => url.pathname === '/admin/login');
  expect((await b.request.get('/api/admin/audit')).status()).toBe(401);
  await Promise.all([first.close(), second.close()]);
});
