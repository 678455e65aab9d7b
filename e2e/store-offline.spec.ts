import type { Page } from '@playwright/test';
import { createProduct, expect, test, uniqueSku } from './fixtures';

const REDIS_DOWN = {
  status: 503,
  headers: { 'retry-after': '1' },
  json: { error: { code: 'redis_unavailable', message: 'The store is unavailable.', issues: [] } },
};

/** Makes the polled routes answer 503 as when Redis is down, until the returned function is called. */
async function failPolling(page: Page) {
  const patterns = ['**/api/products', '**/api/stats', '**/api/log?*'];
  for (const pattern of patterns) await page.route(pattern, (route) => route.fulfill(REDIS_DOWN));
  await page.route('**/api/health', (route) =>
    route.fulfill({ status: 503, json: { status: 'degraded', redis: 'down' } }),
  );
  return async () => {
    for (const pattern of [...patterns, '**/api/health']) await page.unroute(pattern);
  };
}

test('while the API fails the page keeps its last numbers and says reconnecting…', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('offline'), { stock: 9 });
  await page.goto('/');
  const stock = page.getByTestId(`stock-${sku}`);
  await expect(stock).toHaveText('9');
  await expect(page.getByRole('banner')).toContainText('live updates');

  const restore = await failPolling(page);
  await expect(page.getByRole('banner')).toContainText('reconnecting…');
  await expect(stock).toHaveText('9');
  await expect(page.getByTestId('conflict-log')).toBeVisible();

  // A change made while the page was cut off shows once the API answers again.
  await api.post(`/api/admin/products/${sku}/restock`, { data: { add: 1 } });
  await restore();
  await expect(page.getByRole('banner')).toContainText('live updates', { timeout: 10_000 });
  await expect(stock).toHaveText('10');
});

test('a store that is down from the start shows "unreachable — retrying", then recovers', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('down'), { stock: 4 });
  const restore = await failPolling(page);
  await page.goto('/');
  // Scoped to main: Next.js adds its own (empty) route announcer with role alert.
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('The store is unreachable — retrying');
  await expect(alert).toContainText('stock database');

  await restore();
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('4', { timeout: 10_000 });
  await expect(alert).toHaveCount(0);
});
