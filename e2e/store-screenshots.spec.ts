import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { gradientPng } from '../lib/inventory/demo-png';
import { adminApi, createProduct, crowdBuys, uniqueSku } from './fixtures';

/**
 * Screenshots of `/` at phone and laptop width, light and dark, attached to the report. With
 * STORE_DOCS_SCREENSHOTS=1 the light ones also replace docs/screenshots/store-{phone,laptop}.png
 * (run this file alone on a fresh server so that only its catalogue shows).
 */
const WIDTHS = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1280, height: 800 },
} as const;
const HOUR = 3_600_000;

let skus: Record<'sneaker' | 'headphones' | 'backpack' | 'hoodie' | 'watch', string>;

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  const soon = new Date(Date.now() + HOUR / 2).toISOString();
  skus = {
    sneaker: await createProduct(api, uniqueSku('neon-sneaker'), {
      name: 'Neon Sneaker',
      priceCents: 12900,
      stock: 100,
      limitPerShopper: 2,
    }),
    headphones: await createProduct(api, uniqueSku('aurora-headphones'), {
      name: 'Aurora Headphones',
      priceCents: 24900,
      stock: 40,
      limitPerShopper: 1,
      // Plain mode: one transaction per buyer, so the log shows the raw race.
      purchaseMode: 'plain',
    }),
    backpack: await createProduct(api, uniqueSku('comet-backpack'), {
      name: 'Comet Backpack',
      priceCents: 8900,
      stock: 250,
      limitPerShopper: 3,
      endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
    }),
    watch: await createProduct(api, uniqueSku('solar-watch'), {
      name: 'Solar Watch',
      priceCents: 18900,
      stock: 12,
      limitPerShopper: 1,
    }),
    hoodie: await createProduct(api, uniqueSku('midnight-hoodie'), {
      name: 'Midnight Hoodie',
      priceCents: 6900,
      stock: 60,
      limitPerShopper: 2,
      startsAt: soon,
    }),
  };
  // Pictures for three of them (the others show the placeholder).
  const pictures = [
    [skus.sneaker, [37, 99, 235], [16, 185, 129]],
    [skus.headphones, [124, 58, 237], [236, 72, 153]],
    [skus.backpack, [234, 88, 12], [250, 204, 21]],
  ] as const;
  for (const [sku, from, to] of pictures) {
    await api.put(`/api/admin/products/${sku}/image`, {
      data: gradientPng(480, 270, from, to),
      headers: { 'content-type': 'image/png' },
    });
  }
  await api.dispose();
  // Traffic for the log, the totals and the chart: crowds racing the same products.
  // The plain-mode crowd goes last, so its conflicts top the log next to the coalesced sales.
  await crowdBuys(baseURL!, skus.watch, 16);
  await crowdBuys(baseURL!, skus.sneaker, 20, 2);
  await crowdBuys(baseURL!, skus.backpack, 24, 3);
  await crowdBuys(baseURL!, skus.headphones, 30);
});

for (const [name, viewport] of Object.entries(WIDTHS)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`screenshot at ${name} width (${colorScheme})`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.goto('/');
      const buy = page.getByTestId(`buy-${skus.sneaker}`);
      await expect(buy).toBeEnabled();
      await buy.click();
      await expect(page.getByTestId(`result-${skus.sneaker}`)).toHaveAttribute(
        'data-outcome',
        'purchased',
      );
      await expect(page.getByTestId(`stock-${skus.watch}`)).toHaveText('0');
      await expect(page.getByTestId('conflict-log').getByTestId('log-entry').first()).toBeVisible();
      await expect(page.getByTestId('stats').getByRole('img')).toBeVisible();

      // No hover effects in the picture.
      await page.mouse.move(0, 0);
      const file = `store-${name}${colorScheme === 'dark' ? '-dark' : ''}.png`;
      const path = testInfo.outputPath(file);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(file, { path, contentType: 'image/png' });
      if (process.env.STORE_DOCS_SCREENSHOTS === '1' && colorScheme === 'light') {
        await page.screenshot({ path: join('docs', 'screenshots', file), fullPage: true });
      }
    });
  }
}
