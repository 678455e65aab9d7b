// axe with every rule (best practices too, any impact) once per page, state and theme: the
// storefront with a purchase, the log and a scheduled product, at laptop and phone width; the
// login with its error; the admin with the audit, at phone width, and the new-product form with
// its errors. axe is CPU-heavy: each page is a test of its own, with the slow budget, so a run
// on one busy core has room.
import { axeFindings } from './axe';
import {
  createProduct,
  expect,
  loginInBrowser,
  newShopper,
  placeHold,
  test,
  uniqueSku,
} from './fixtures';

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

    test('on the storefront with a held card, at laptop and phone width', async ({ page, api }) => {
      const sku = await createProduct(api, uniqueSku('axe-hold'), {
        stock: 5,
        checkoutMode: 'hold',
        holdSeconds: 600,
      });
      await page.goto('/');
      await page.getByTestId(`buy-${sku}`).click();
      const hold = page.getByTestId(`holds-${sku}`).locator('[data-state]');
      await expect(hold).toHaveAttribute('data-state', 'held');
      expect(await axeFindings(page), 'storefront with a held card').toEqual([]);
      await page.setViewportSize(PHONE);
      expect(await axeFindings(page), 'held card at phone width').toEqual([]);
    });

    test('on the storefront with an expired hold and an ordered one', async ({ page, api }) => {
      const short = await createProduct(api, uniqueSku('axe-expire'), {
        stock: 3,
        checkoutMode: 'hold',
        holdSeconds: 2,
      });
      const long = await createProduct(api, uniqueSku('axe-order'), {
        stock: 3,
        checkoutMode: 'hold',
        holdSeconds: 600,
      });
      await page.goto('/');
      await page.getByTestId(`buy-${short}`).click();
      await page.getByTestId(`buy-${long}`).click();
      await page
        .getByTestId(`product-${long}`)
        .getByRole('button', { name: 'Place order' })
        .click();
      await expect(page.getByTestId(`holds-${long}`).locator('[data-state]')).toHaveAttribute(
        'data-state',
        'ordered',
      );
      await expect(page.getByTestId(`holds-${short}`).locator('[data-state]')).toHaveAttribute(
        'data-state',
        'expired',
      );
      expect(await axeFindings(page), 'expired and ordered holds').toEqual([]);
    });

    test('on the storefront with a product all in carts', async ({ page, api, baseURL }) => {
      const sku = await createProduct(api, uniqueSku('axe-carts'), {
        stock: 1,
        checkoutMode: 'hold',
        holdSeconds: 600,
      });
      const other = await newShopper(baseURL!);
      try {
        await placeHold(other, sku, 1);
        await page.goto('/');
        await expect(page.getByTestId(`all-in-carts-${sku}`)).toBeVisible();
        expect(await axeFindings(page), 'all in carts').toEqual([]);
      } finally {
        await other.dispose();
      }
    });

    test('on the admin holds panel with a hold, an order and a confirm step', async ({
      page,
      api,
      baseURL,
    }) => {
      const sku = await createProduct(api, uniqueSku('axe-admin-hold'), {
        stock: 5,
        checkoutMode: 'hold',
        holdSeconds: 600,
      });
      const shopper = await newShopper(baseURL!);
      try {
        await placeHold(shopper, sku, 1);
        const { hold } = await placeHold(shopper, sku, 1);
        await shopper.post(`/api/products/${sku}/holds/${hold.id}/order`);
        await loginInBrowser(page);
        const panel = page.getByTestId('admin-holds');
        await panel.getByLabel('Product').selectOption(sku);
        await expect(panel.locator('[data-testid^="admin-hold-"]')).toHaveCount(1);
        await panel.getByRole('button', { name: /^Cancel order .*…$/ }).click();
        await expect(panel.getByRole('group')).toBeVisible();
        await page.getByRole('button', { name: 'Run audit' }).click();
        await expect(page.getByTestId('audit-summary')).toBeVisible();
        expect(await axeFindings(page), 'admin holds panel').toEqual([]);
        await page.setViewportSize(PHONE);
        expect(await axeFindings(page), 'admin holds panel at phone width').toEqual([]);
      } finally {
        await shopper.dispose();
      }
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
