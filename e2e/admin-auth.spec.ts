import { ADMIN_PASSWORD, createProduct, expect, loginInBrowser, test, uniqueSku } from './fixtures';

test('a wrong password is refused inline; the right one opens the products table', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('login'));

  await page.goto('/admin/login');
  await page.getByTestId('password').fill('certainly-not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByText('Wrong password')).toBeVisible();
  await expect(page.getByTestId('password')).toHaveAttribute('aria-invalid', 'true');
  expect(new URL(page.url()).pathname).toBe('/admin/login');

  await page.getByTestId('password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/admin');
  await expect(page.getByRole('table', { name: /products/i })).toBeVisible();
  await expect(page.getByTestId(`restock-${sku}`)).toBeVisible();
});

test('a rate-limited login says how long to wait', async ({ page }) => {
  await page.route('**/api/admin/login', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '42' },
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'rate_limited', message: 'Too many login attempts.', issues: [] },
      }),
    }),
  );
  await page.goto('/admin/login');
  await page.getByTestId('password').fill('anything-at-all');
  await page.getByTestId('login-submit').click();
  await expect(page.getByText(/too many attempts.*try again in 4[0-2] s/i)).toBeVisible();
  await expect(page.getByTestId('login-submit')).toBeDisabled();
});

test('/admin without a session lands on the login page, and again after logging out', async ({
  page,
}) => {
  await page.goto('/admin');
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  await expect(page.getByTestId('password')).toBeVisible();

  await loginInBrowser(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL((url) => url.pathname === '/admin/login');
  await expect(page.getByTestId('password')).toBeVisible();

  await page.goto('/admin');
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  const audit = await page.request.get('/api/admin/audit');
  expect(audit.status()).toBe(401);
});

test('an admin call after the session expired sends the browser to the login page', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('expired'));
  await loginInBrowser(page);
  await page.getByTestId(`restock-${sku}`).fill('1');
  await page.context().clearCookies();
  await page.getByTestId(`restock-submit-${sku}`).click();
  await page.waitForURL((url) => url.pathname === '/admin/login');
  await expect(page.getByTestId('password')).toBeVisible();
});
