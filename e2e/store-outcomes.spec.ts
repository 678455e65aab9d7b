import type { Page, Request } from '@playwright/test';
import { createProduct, expect, test, uniqueSku } from './fixtures';

async function openStore(page: Page, sku: string) {
  await page.goto('/');
  await expect(page.getByTestId(`buy-${sku}`)).toBeEnabled();
}

/** The Idempotency-Key of every purchase request the page sends, in order. */
function recordKeys(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (req: Request) => {
    if (req.method() === 'POST' && req.url().endsWith('/purchase')) {
      keys.push(req.headers()['idempotency-key'] ?? '');
    }
  });
  return keys;
}

test('the shopper limit is known before a click: Buy says "Limit reached", also after a reload', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('limit'), { stock: 5, limitPerShopper: 2 });
  await openStore(page, sku);
  const buy = page.getByTestId(`buy-${sku}`);
  const card = page.getByTestId(`product-${sku}`);
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/purchase')) posts += 1;
  });
  await buy.click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'purchased');
  await expect(page.getByTestId(`limit-${sku}`)).toHaveText('You have 1 of 2 per shopper');
  // Only one more is allowed: the stepper stops there.
  await expect(card.getByRole('button', { name: 'One more' })).toBeDisabled();
  await buy.click();
  await expect(buy).toBeDisabled();
  await expect(buy).toHaveText('Limit reached');
  await expect(page.getByTestId(`limit-${sku}`)).toContainText('the most one shopper may buy');
  expect(posts).toBe(2);

  // The page learns it from GET /api/me on a fresh load too.
  await page.reload();
  await expect(buy).toHaveText('Limit reached');
  await expect(buy).toBeDisabled();
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('3');
});

test('contention asks to try again, and Try again resends the same click', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('busy'), { stock: 3 });
  await openStore(page, sku);
  const keys = recordKeys(page);
  // The first answer is a contention (every retry lost its race); later ones reach the server.
  let contended = false;
  await page.route('**/api/products/*/purchase', async (route) => {
    if (contended) return route.continue();
    contended = true;
    await route.fulfill({
      status: 503,
      headers: { 'retry-after': '1' },
      json: {
        outcome: 'contention',
        sku,
        quantity: 1,
        remaining: 3,
        attempts: 50,
        conflicts: 50,
        latencyMs: 80,
      },
    });
  });

  const result = page.getByTestId(`result-${sku}`);
  await page.getByTestId(`buy-${sku}`).click();
  await expect(result).toHaveAttribute('data-outcome', 'contention');
  await expect(result).toContainText('Nothing was bought.');
  await result.getByRole('button', { name: 'Try again' }).click();
  await expect(result).toHaveAttribute('data-outcome', 'purchased');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('2');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);

  // A new click is a new purchase with a new key.
  await page.getByTestId(`buy-${sku}`).click();
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('1');
  expect(keys).toHaveLength(3);
  expect(keys[2]).not.toBe(keys[0]);
});

test('a dropped connection is retried with the same key and buys once', async ({ page, api }) => {
  const sku = await createProduct(api, uniqueSku('drop'), { stock: 3 });
  await openStore(page, sku);
  const keys = recordKeys(page);
  // The first request reaches the server, but its answer is lost on the way back.
  let dropped = false;
  await page.route('**/api/products/*/purchase', async (route) => {
    if (dropped) return route.continue();
    dropped = true;
    await route.fetch();
    await route.abort('connectionreset');
  });

  await page.getByTestId(`buy-${sku}`).click();
  const result = page.getByTestId(`result-${sku}`);
  await expect(result).toHaveAttribute('data-outcome', 'purchased');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  // The replay returned the first order: one unit sold, not two.
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('2');
  const product = (await (await api.get(`/api/products/${sku}`)).json()) as { sold: number };
  expect(product.sold).toBe(1);
});
