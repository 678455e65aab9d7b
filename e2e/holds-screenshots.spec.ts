import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { gradientPng } from '../lib/inventory/demo-png';
import {
  adminApi,
  createProduct,
  loginInBrowser,
  newShopper,
  openEditDialog,
  placeHold,
  uniqueSku,
} from './fixtures';

/**
 * Screenshots of holds at checkout at phone and laptop width: the storefront with a
 * held card (countdown, Place order, Cancel), a product all in carts and an ordered hold; the
 * admin's Holds and orders panel. Attached to the report; with HOLDS_DOCS_SCREENSHOTS=1 they also
 * go to docs/screenshots/holds-{store,admin}-{phone,laptop}.png.
 */
const WIDTHS = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1280, height: 800 },
} as const;

let skus: Record<'jacket' | 'lamp' | 'camera', string>;
let shoppers: APIRequestContext[] = [];

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  skus = {
    jacket: await createProduct(api, uniqueSku('storm-jacket'), {
      name: 'Storm Jacket',
      priceCents: 15900,
      stock: 40,
      limitPerShopper: 2,
      checkoutMode: 'hold',
      holdSeconds: 600,
    }),
    lamp: await createProduct(api, uniqueSku('halo-lamp'), {
      name: 'Halo Lamp',
      priceCents: 7900,
      stock: 3,
      limitPerShopper: 1,
      checkoutMode: 'hold',
      holdSeconds: 900,
    }),
    camera: await createProduct(api, uniqueSku('pixel-camera'), {
      name: 'Pixel Camera',
      priceCents: 32900,
      stock: 25,
      limitPerShopper: 1,
      checkoutMode: 'hold',
      holdSeconds: 600,
    }),
  };
  const pictures = [
    [skus.jacket, [14, 116, 144], [99, 102, 241]],
    [skus.lamp, [245, 158, 11], [244, 63, 94]],
    [skus.camera, [71, 85, 105], [20, 184, 166]],
  ] as const;
  for (const [sku, from, to] of pictures) {
    await api.put(`/api/admin/products/${sku}/image`, {
      data: gradientPng(480, 270, from, to),
      headers: { 'content-type': 'image/png' },
    });
  }
  await api.dispose();
  // Other shoppers: every lamp in a cart, some jackets and cameras held, one camera ordered.
  shoppers = await Promise.all(Array.from({ length: 5 }, () => newShopper(baseURL!)));
  await placeHold(shoppers[0]!, skus.lamp, 1);
  await placeHold(shoppers[1]!, skus.lamp, 1);
  await placeHold(shoppers[2]!, skus.lamp, 1);
  await placeHold(shoppers[3]!, skus.jacket, 2);
  await placeHold(shoppers[4]!, skus.jacket, 1);
  const { hold } = await placeHold(shoppers[0]!, skus.camera, 1);
  await shoppers[0]!.post(`/api/products/${skus.camera}/holds/${hold.id}/order`);
  await placeHold(shoppers[1]!, skus.camera, 1);
});

test.afterAll(async () => {
  await Promise.all(shoppers.map((s) => s.dispose()));
});

const save = async (
  page: import('@playwright/test').Page,
  testInfo: import('@playwright/test').TestInfo,
  file: string,
) => {
  await page.mouse.move(0, 0);
  const path = testInfo.outputPath(file);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(file, { path, contentType: 'image/png' });
  if (process.env.HOLDS_DOCS_SCREENSHOTS === '1')
    await page.screenshot({ path: join('docs', 'screenshots', file), fullPage: true });
};

for (const [name, viewport] of Object.entries(WIDTHS)) {
  test(`storefront with a held card at ${name} width`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await page.getByTestId(`buy-${skus.jacket}`).click();
    await expect(page.getByTestId(`holds-${skus.jacket}`).locator('[data-state]')).toHaveAttribute(
      'data-state',
      'held',
    );
    await page.getByTestId(`buy-${skus.camera}`).click();
    const camera = page.getByTestId(`holds-${skus.camera}`).locator('[data-state]');
    await page
      .getByTestId(`product-${skus.camera}`)
      .getByRole('button', { name: 'Place order' })
      .click();
    await expect(camera).toHaveAttribute('data-state', 'ordered');
    await expect(page.getByTestId(`all-in-carts-${skus.lamp}`)).toBeVisible();
    await expect(page.getByTestId('conflict-log').getByTestId('log-entry').first()).toBeVisible();
    await save(page, testInfo, `holds-store-${name}.png`);
    // The cards alone, to read them at full size.
    const grid = page.getByTestId(`product-${skus.jacket}`).locator('xpath=..');
    const cards = testInfo.outputPath(`holds-cards-${name}.png`);
    await grid.screenshot({ path: cards });
    await testInfo.attach(`holds-cards-${name}.png`, { path: cards, contentType: 'image/png' });
  });

  test(`admin holds panel at ${name} width`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await loginInBrowser(page);
    const panel = page.getByTestId('admin-holds');
    await panel.getByLabel('Product').selectOption(skus.jacket);
    await expect(panel.locator('[data-testid^="admin-hold-"]').first()).toBeVisible();
    await page.getByRole('button', { name: 'Run audit' }).click();
    await expect(page.getByTestId('audit-summary')).toBeVisible();
    await save(page, testInfo, `holds-admin-${name}.png`);
    await panel.getByLabel('Product').selectOption(skus.camera);
    await expect(panel.locator('[data-testid^="admin-order-"]').first()).toBeVisible();
    await panel
      .getByRole('button', { name: /^Cancel order .*…$/ })
      .first()
      .click();
    await panel.scrollIntoViewIfNeeded();
    const path = testInfo.outputPath(`holds-admin-orders-${name}.png`);
    await panel.screenshot({ path });
    await testInfo.attach(`holds-admin-orders-${name}.png`, { path, contentType: 'image/png' });
  });
}

for (const [name, viewport] of Object.entries(WIDTHS)) {
  test(`product form with hold at checkout at ${name} width`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await loginInBrowser(page);
    const dialog = await openEditDialog(page, skus.lamp);
    await expect(dialog.getByLabel('Checkout')).toHaveValue('hold');
    await expect(dialog.getByLabel('Hold time', { exact: true })).toHaveValue('15');
    await dialog.getByLabel('Checkout').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const file = `holds-form-${name}.png`;
    const path = testInfo.outputPath(file);
    await page.screenshot({ path });
    await testInfo.attach(file, { path, contentType: 'image/png' });
    if (process.env.HOLDS_DOCS_SCREENSHOTS === '1')
      await page.screenshot({ path: join('docs', 'screenshots', file) });
  });
}

test('held, all-in-carts and ordered cards in dark mode', async ({ page }, testInfo) => {
  await page.setViewportSize(WIDTHS.laptop);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await page.getByTestId(`buy-${skus.jacket}`).click();
  await expect(page.getByTestId(`holds-${skus.jacket}`).locator('[data-state]')).toHaveAttribute(
    'data-state',
    'held',
  );
  await expect(page.getByTestId(`all-in-carts-${skus.lamp}`)).toBeVisible();
  await page.mouse.move(0, 0);
  const grid = page.getByTestId(`product-${skus.jacket}`).locator('xpath=..');
  const path = testInfo.outputPath('holds-cards-dark.png');
  await grid.screenshot({ path });
  await testInfo.attach('holds-cards-dark.png', { path, contentType: 'image/png' });
});
