import type { Page } from '@playwright/test';
import {
  createProduct,
  expect,
  loginInBrowser,
  openEditDialog,
  openStoreWith,
  test,
  uniqueSku,
} from './fixtures';

const shot = (name: string) => `test-results/screens/${name}.png`;

/** The polled routes answer 503 as when Redis is frozen. */
async function freezeStore(page: Page) {
  await page.route('**/api/snapshot?*', (route) =>
    route.fulfill({
      status: 503,
      headers: { 'retry-after': '1' },
      json: {
        error: { code: 'redis_unavailable', message: 'The store is unavailable.', issues: [] },
      },
    }),
  );
  await page.route('**/api/health', (route) =>
    route.fulfill({ status: 503, json: { status: 'degraded', redis: 'down' } }),
  );
}

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the audit shows every figure of a row on screen, named, nothing scrolls sideways', async ({
    page,
    api,
  }) => {
    const sku = await createProduct(api, uniqueSku('audit-phone'));
    await loginInBrowser(page);
    await page.getByRole('button', { name: 'Run audit' }).click();
    const row = page.getByTestId(`audit-row-${sku}`);
    await row.scrollIntoViewIfNeeded();
    for (const label of [
      'On sale',
      'Held',
      'Sold',
      'Total',
      'Order units',
      'Hold units',
      'Stuck',
    ]) {
      const cell = row.locator(`td[data-label="${label}"]`);
      await expect(cell).toBeVisible();
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await expect(row.getByText('OK')).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await row.screenshot({ path: shot('audit-row-390') });
  });
});

for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test("the Edit dialog's actions stay in view while its fields scroll", async ({
      page,
      api,
    }) => {
      const sku = await createProduct(api, uniqueSku(`dialog-${width}`));
      await loginInBrowser(page);
      const dialog = await openEditDialog(page, sku);
      await expect(dialog.getByRole('button', { name: 'Save changes' })).toBeInViewport();
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport();
      await page.screenshot({ path: shot(`edit-dialog-${width}`) });
      // Scrolled to the first field, Save is still there.
      await dialog.getByLabel('Name').focus();
      await expect(dialog.getByRole('button', { name: 'Save changes' })).toBeInViewport();
    });

    test('an empty log shows its message without a lone header row', async ({ page, api }) => {
      const { sku } = await openStoreWith(page, api, `log-${width}`);
      await page.locator('#log-filter').selectOption(sku);
      await expect(page.getByText('No requests for this product yet')).toBeVisible();
      await expect(page.getByRole('columnheader', { name: 'Request' })).toBeHidden();
      await page.getByText('No requests for this product yet').scrollIntoViewIfNeeded();
      await page.screenshot({ path: shot(`empty-log-${width}`) });
    });

    test('with the store frozen a live card says the sale is paused, not "On sale now"', async ({
      page,
      api,
    }) => {
      const { sku, buy } = await openStoreWith(page, api, `frozen-${width}`);
      const card = page.getByTestId(`product-${sku}`);
      await expect(card).toContainText('On sale now');
      await freezeStore(page);
      await expect(buy).toHaveText('Store unreachable');
      await expect(card).toContainText('Sale paused until the store answers');
      await expect(card).not.toContainText('On sale now');
      await card.screenshot({ path: shot(`frozen-card-${width}`) });
    });
  });
}
