// axe with every rule (best practices too, any impact) once per page, state and theme: the
// storefront with a purchase, the log and a scheduled product, at laptop and phone width; the
// login with its error; the admin with the audit, at phone width, and the new-product form with
// its errors. axe is CPU-heavy: each page is a test of its own, with the slow budget, so a run
// on one busy core has room.
import { axeFindings } from './axe';
import { createProduct, expect, loginInBrowser, test, uniqueSku } from './fixtures';

const PHONE = { width: 390, height: 844 };

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe finds nothing (${colorScheme})`, () => {
    test.use({ colorScheme });
    test.slow();

    test('on the storefront, at laptop and phone width', async ({ page, api }) => {
      const live = await createProduct(api, uniqueSku('axe'), { stock: 5, limitPerShopper: 3 });
      await createProduct(api, uniqueSku('axe-soon'), {
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await page.goto('/');
      await page.getByTestId(`buy-${live}`).click();
      await expect(page.getByTestId(`result-${live}`)).toHaveAttribute('data-outcome', 'purchased');
      await expect(page.getByTestId('conflict-log').getByTestId('log-entry').first()).toBeVisible();
      await expect(page.getByTestId('stats').getByRole('img')).toBeVisible();
      expect(await axeFindings(page), 'storefront').toEqual([]);
      await page.setViewportSize(PHONE);
      expect(await axeFindings(page), 'storefront at phone width').toEqual([]);
    });

    test('on the login with its error', async ({ page }) => {
      await page.goto('/admin/login');
      await page.getByTestId('password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      await expect(page.getByText('Wrong password')).toBeVisible();
      expect(await axeFindings(page)).toEqual([]);
    });

    test('on the admin: the audit, at phone width, and the form with its errors', async ({
      page,
      api,
    }) => {
      await createProduct(api, uniqueSku('axe-admin'));
      await loginInBrowser(page);
      await page.getByRole('button', { name: 'Run audit' }).click();
      await expect(page.getByTestId('audit-summary')).toBeVisible();
      expect(await axeFindings(page), 'admin with the audit').toEqual([]);
      const laptop = page.viewportSize()!;
      await page.setViewportSize(PHONE);
      expect(await axeFindings(page), 'admin at phone width').toEqual([]);
      await page.setViewportSize(laptop);

      await page.getByRole('button', { name: 'New product' }).first().click();
      await page.getByRole('button', { name: 'Create product' }).click();
      await expect(page.getByText('Enter a SKU.')).toBeVisible();
      expect(await axeFindings(page), 'new-product form with errors').toEqual([]);
    });
  });
}
