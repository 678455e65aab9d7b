import type { Page } from '@playwright/test';
import { createProduct, expect, openStoreWith, test, uniqueSku } from './fixtures';

const REDIS_DOWN = {
  status: 503,
  headers: { 'retry-after': '1' },
  json: { error: { code: 'redis_unavailable', message: 'The store is unavailable.', issues: [] } },
};

/** Makes the polled routes answer 503 as when Redis is down, until the returned function is called. */
async function failPolling(page: Page) {
  const patterns = ['**/api/snapshot?*'];
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
  await expect(page.getByRole('banner')).toContainText('live updates');
  await expect(stock).toHaveText('10');
});

test('a store that goes down shows on every card: Buy disabled with the reason, back by itself', async ({
  page,
  api,
}) => {
  const { sku, buy } = await openStoreWith(page, api, 'down', { stock: 4 });

  const restore = await failPolling(page);
  await expect(buy).toBeDisabled();
  await expect(buy).toHaveText('Store unreachable');
  await expect(page.getByTestId(`limit-${sku}`)).toContainText('stock database is not answering');
  await expect(page.getByTestId(`product-${sku}`)).toContainText('paused');
  // The last figures stay on screen meanwhile.
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('4');

  await restore();
  await expect(buy).toBeEnabled();
  await expect(buy).toHaveText(/^Buy/);
});

test('a server that does not answer at all is told apart from a store that is down', async ({
  page,
  api,
}) => {
  const { sku, buy } = await openStoreWith(page, api, 'gone', { stock: 4 });
  await page.route('**/api/snapshot?*', (route) => route.abort('connectionrefused'));
  await expect(buy).toHaveText('Server not answering');
  await expect(page.getByTestId(`limit-${sku}`)).toContainText('server is not answering');
  await page.unroute('**/api/snapshot?*');
  await expect(buy).toBeEnabled();
});

test('Buy answers at once when the store is down, and says so', async ({ page, api }) => {
  // The page's timers are the test's: with the clock paused, an answer that needed a backoff,
  // a retry or any other wait could not show at all.
  await page.clock.install();
  const { sku, buy } = await openStoreWith(page, api, 'buy-down', { stock: 4 });
  await page.clock.pauseAt(Date.now() + 60_000);
  let posts = 0;
  await page.route('**/api/products/*/purchase', (route) => {
    posts += 1;
    return route.fulfill(REDIS_DOWN);
  });
  const result = page.getByTestId(`result-${sku}`);
  await buy.click();
  await expect(result).toHaveAttribute('data-outcome', 'failed');
  await expect(result).toContainText('Not bought');
  await expect(result).toContainText('The store is unreachable');
  // An unreachable store is not retried behind the shopper's back, not even once time moves on.
  await page.clock.runFor(5_000);
  expect(posts).toBe(1);
});
