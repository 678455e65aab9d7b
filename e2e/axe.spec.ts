// axe with every rule (best practices too, any impact) once per page and theme, each page put in
// as many of its states at once as it can show: the storefront with a purchase, the log, a
// scheduled product and every hold state (held, expired, ordered, all in carts), at laptop and
// phone width; the login with its error; the admin with the audit, the holds panel's confirm
// step and a waiting room, at both widths, and the new-product form with its errors. axe is
// CPU-heavy: each page is a test of its own, with the slow budget, so a run on one busy core has
// room. The waiting page's own states are in queue-axe.spec.ts.
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
import { queuedProduct } from './queue-support';

const PHONE = { width: 390, height: 844 };
const HELD = { checkoutMode: 'hold', holdSeconds: 600 } as const;

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe finds nothing (${colorScheme})`, () => {
    test.use({ colorScheme });
    test.slow();

    test('on the storefront with every card state, at laptop and phone width', async ({
      page,
      api,
      baseURL,
    }) => {
      const live = await createProduct(api, uniqueSku('axe'), { stock: 5, limitPerShopper: 3 });
      await createProduct(api, uniqueSku('axe-soon'), {
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const held = await createProduct(api, uniqueSku('axe-hold'), { stock: 5, ...HELD });
      const ordered = await createProduct(api, uniqueSku('axe-order'), { stock: 3, ...HELD });
      const expiring = await createProduct(api, uniqueSku('axe-expire'), {
        stock: 3,
        checkoutMode: 'hold',
        holdSeconds: 2,
      });
      const carts = await createProduct(api, uniqueSku('axe-carts'), { stock: 1, ...HELD });
      const other = await newShopper(baseURL!);
      try {
        await placeHold(other, carts, 1);
        await page.goto('/');
        await page.getByTestId(`buy-${live}`).click();
        await expect(page.getByTestId(`result-${live}`)).toHaveAttribute(
          'data-outcome',
          'purchased',
        );
        for (const sku of [held, ordered, expiring]) await page.getByTestId(`buy-${sku}`).click();
        await page
          .getByTestId(`product-${ordered}`)
          .getByRole('button', { name: 'Place order' })
          .click();
        const stateOf = (sku: string) => page.getByTestId(`holds-${sku}`).locator('[data-state]');
        await expect(stateOf(held)).toHaveAttribute('data-state', 'held');
        await expect(stateOf(ordered)).toHaveAttribute('data-state', 'ordered');
        await expect(stateOf(expiring)).toHaveAttribute('data-state', 'expired');
        await expect(page.getByTestId(`all-in-carts-${carts}`)).toBeVisible();
        await expect(
          page.getByTestId('conflict-log').getByTestId('log-entry').first(),
        ).toBeVisible();
        await expect(page.getByTestId('stats').getByRole('img')).toBeVisible();
        expect(await axeFindings(page), 'storefront').toEqual([]);
        await page.setViewportSize(PHONE);
        expect(await axeFindings(page), 'storefront at phone width').toEqual([]);
      } finally {
        await other.dispose();
      }
    });

    test('on the login with its error', async ({ page }) => {
      await page.goto('/admin/login');
      await page.getByTestId('password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      await expect(page.getByText('Wrong password')).toBeVisible();
      expect(await axeFindings(page)).toEqual([]);
    });

    test('on the admin: the audit, holds, a waiting room, phone width, the form with its errors', async ({
      page,
      api,
      baseURL,
    }) => {
      const sku = await createProduct(api, uniqueSku('axe-admin-hold'), { stock: 5, ...HELD });
      const { sku: queued } = await queuedProduct(api, 'axe-q-admin');
      const shopper = await newShopper(baseURL!);
      try {
        await placeHold(shopper, sku, 1);
        const { hold } = await placeHold(shopper, sku, 1);
        await shopper.post(`/api/products/${sku}/holds/${hold.id}/order`);
        await loginInBrowser(page);
        await expect(page.getByTestId(`queue-admin-${queued}`)).toBeVisible();
        const panel = page.getByTestId('admin-holds');
        await panel.getByLabel('Product').selectOption(sku);
        await expect(panel.locator('[data-testid^="admin-hold-"]')).toHaveCount(1);
        await panel.getByRole('button', { name: /^Cancel order .*…$/ }).click();
        await expect(panel.getByRole('group')).toBeVisible();
        await page.getByRole('button', { name: 'Run audit' }).click();
        await expect(page.getByTestId('audit-summary')).toBeVisible();
        expect(await axeFindings(page), 'admin with the audit, holds and a waiting room').toEqual(
          [],
        );
        const laptop = page.viewportSize()!;
        await page.setViewportSize(PHONE);
        expect(await axeFindings(page), 'admin at phone width').toEqual([]);
        await page.setViewportSize(laptop);

        await page.getByRole('button', { name: 'New product' }).first().click();
        await page.getByRole('button', { name: 'Create product' }).click();
        await expect(page.getByText('Enter a SKU.')).toBeVisible();
        expect(await axeFindings(page), 'new-product form with errors').toEqual([]);
      } finally {
        await shopper.dispose();
      }
    });
  });
}
