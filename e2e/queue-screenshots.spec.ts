import { join } from 'node:path';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { gradientPng } from '../lib/inventory/demo-png';
import { expect, loginInBrowser, test } from './fixtures';
import {
  apiShopper,
  joinInPage,
  joinQueue,
  queuedProduct,
  setPaused,
  startIn,
} from './queue-support';

/**
 * Screenshots of the waiting page (before the start, waiting, your turn, sold out) and of the
 * admin's waiting-room panel, at phone and laptop width, attached to the report. With
 * QUEUE_DOCS_SCREENSHOTS=1 they also go to docs/screenshots/ (run this file alone).
 */
const WIDTHS = { phone: { width: 390, height: 844 }, laptop: { width: 1280, height: 800 } };

async function shoot(page: Page, testInfo: TestInfo, file: string, full = true) {
  await page.mouse.move(0, 0);
  const path = testInfo.outputPath(file);
  await page.screenshot({ path, fullPage: full });
  await testInfo.attach(file, { path, contentType: 'image/png' });
  if (process.env.QUEUE_DOCS_SCREENSHOTS === '1')
    await page.screenshot({ path: join('docs', 'screenshots', file), fullPage: full });
}

async function picture(api: APIRequestContext, sku: string, from: number[], to: number[]) {
  await api.put(`/api/admin/products/${sku}/image`, {
    data: gradientPng(480, 270, from as [number, number, number], to as [number, number, number]),
    headers: { 'content-type': 'image/png' },
  });
}

for (const [name, viewport] of Object.entries(WIDTHS)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`waiting page and admin panel at ${name} width (${colorScheme})`, async ({
      browser,
      baseURL,
      api,
    }, testInfo) => {
      test.slow();
      const suffix = `${name === 'phone' ? '390' : '1280'}${colorScheme === 'dark' ? '-dark' : ''}`;
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();

      // Before the start: joined, told the shuffle gives no advantage.
      const hoodie = await queuedProduct(api, 'midnight-hoodie', {
        name: 'Midnight Hoodie',
        priceCents: 6900,
        stock: 60,
        limitPerShopper: 2,
        startsAt: new Date(Date.now() + 25 * 60_000).toISOString(),
      });
      await picture(api, hoodie.sku, [30, 41, 59], [99, 102, 241]);
      await joinInPage(page, hoodie.sku);
      await shoot(page, testInfo, `queue-before-${suffix}.png`);

      // Waiting: 40 joined before the start, this shopper after it, the line moving slowly.
      const sneaker = await queuedProduct(
        api,
        'neon-sneaker',
        { name: 'Neon Sneaker', priceCents: 12900, stock: 100, limitPerShopper: 2 },
        { ratePerSecond: 0.1, admitWindowSeconds: 300 },
      );
      await picture(api, sneaker.sku, [37, 99, 235], [16, 185, 129]);
      await setPaused(api, sneaker.sku, true);
      const crowd = await Promise.all(Array.from({ length: 40 }, () => apiShopper(baseURL!)));
      for (const shopper of crowd) await joinQueue(shopper, sneaker.sku);
      await startIn(api, sneaker.sku, sneaker.fields, 0);
      await joinInPage(page, sneaker.sku, 'waiting');
      await setPaused(api, sneaker.sku, false);
      await expect(page.getByTestId('queue-state')).toHaveAttribute('data-state', 'waiting');
      await expect(page.getByTestId('queue-wait')).toHaveText(/about/);
      await shoot(page, testInfo, `queue-waiting-${suffix}.png`);

      // Your turn: nobody ahead, let in at once.
      const watch = await queuedProduct(
        api,
        'solar-watch',
        { name: 'Solar Watch', priceCents: 18900, stock: 12, limitPerShopper: 1 },
        { ratePerSecond: 10, admitWindowSeconds: 300 },
      );
      await picture(api, watch.sku, [124, 58, 237], [236, 72, 153]);
      await startIn(api, watch.sku, watch.fields, 0);
      await joinInPage(page, watch.sku, 'turn');
      await shoot(page, testInfo, `queue-turn-${suffix}.png`);

      // Sold out: the one unit went to the shopper ahead; the line stops.
      const backpack = await queuedProduct(
        api,
        'comet-backpack',
        { name: 'Comet Backpack', priceCents: 8900, stock: 1, limitPerShopper: 1 },
        { ratePerSecond: 10 },
      );
      await picture(api, backpack.sku, [234, 88, 12], [250, 204, 21]);
      const first = crowd[0]!;
      await joinQueue(first, backpack.sku);
      await startIn(api, backpack.sku, backpack.fields, 0);
      await expect
        .poll(async () => (await first.post(`/api/products/${backpack.sku}/purchase`)).status())
        .toBe(200);
      await page.goto(`/queue/${backpack.sku}`);
      await expect(page.getByTestId('queue-state')).toHaveAttribute('data-state', 'sold_out');
      await shoot(page, testInfo, `queue-sold-out-${suffix}.png`);

      // The storefront: queued cards lead to their waiting rooms, with this shopper's place.
      await page.goto('/');
      await expect(page.getByTestId(`queue-link-${sneaker.sku}`)).toHaveText(/Your place/);
      await shoot(page, testInfo, `store-queue-${suffix}.png`);

      // The admin's panel.
      await loginInBrowser(page);
      const panel = page.getByTestId('queue-panel');
      await expect(panel.getByTestId(`queue-admin-${sneaker.sku}`)).toBeVisible();
      await panel.scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      const file = `admin-queue-${suffix}.png`;
      const path = testInfo.outputPath(file);
      await panel.screenshot({ path });
      await testInfo.attach(file, { path, contentType: 'image/png' });
      if (process.env.QUEUE_DOCS_SCREENSHOTS === '1')
        await panel.screenshot({ path: join('docs', 'screenshots', file) });

      await Promise.all(crowd.map((c) => c.dispose()));
      await context.close();
    });
  }
}
