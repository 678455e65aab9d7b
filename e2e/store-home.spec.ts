import type { Browser, Page } from '@playwright/test';
import { createProduct, expect, stockAtNextPoll, test, uniqueSku } from './fixtures';

/** Opens the storefront and waits until this shopper's session lets it buy `sku`. */
async function openStore(page: Page, sku: string) {
  await page.goto('/');
  // The first load of several browsers at once can be slow on a busy 2-core machine.
  await expect(page.getByTestId(`buy-${sku}`)).toBeEnabled();
}

/** `count` shoppers, each with its own browser context (so its own session cookie) on the store. */
async function shoppers(browser: Browser, count: number, sku: string) {
  const contexts = await Promise.all(Array.from({ length: count }, () => browser.newContext()));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  await Promise.all(pages.map((p) => openStore(p, sku)));
  return { pages, close: () => Promise.all(contexts.map((c) => c.close())) };
}

/**
 * Holds every page's purchase request until all of them have been sent, then lets them go
 * together: the race happens on the server, not in the browsers' click timing.
 */
async function releaseTogether(pages: Page[]) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await Promise.all(
    pages.map((p) =>
      p.route('**/api/products/*/purchase', async (route) => {
        held += 1;
        if (held === pages.length) release();
        await gate;
        await route.continue();
      }),
    ),
  );
}

test('buying until sold out brings the stock to 0 and disables Buy', async ({ page, api }) => {
  const sku = await createProduct(api, uniqueSku('soldout'), { stock: 5, limitPerShopper: 5 });
  await openStore(page, sku);
  const card = page.getByTestId(`product-${sku}`);
  const stock = page.getByTestId(`stock-${sku}`);
  const buy = page.getByTestId(`buy-${sku}`);
  const result = page.getByTestId(`result-${sku}`);
  await expect(stock).toHaveText('5');

  await card.getByRole('button', { name: 'One more' }).click();
  await buy.click();
  await expect(result).toContainText('Purchased 2');
  await expect(stock).toHaveText('3');

  await buy.click();
  await expect(stock).toHaveText('1');
  // Only one is left, so the stepper offers no more than that.
  await expect(card.getByRole('group', { name: /Quantity/ }).locator('output')).toHaveText('1');
  await expect(card.getByRole('button', { name: 'One more' })).toBeDisabled();

  // The last unit by keyboard: Buy is a real button.
  await buy.focus();
  await page.keyboard.press('Enter');
  await expect(stock).toHaveText('0');
  await expect(result).toHaveAttribute('data-outcome', 'purchased');
  await expect(result).toContainText('Purchased 1');
  await expect(result).toContainText('order');
  await expect(buy).toBeDisabled();
  await expect(buy).toHaveText('Sold out');
  await expect(card).toContainText('sold out');
});

test('two shoppers race for the last unit: exactly one gets it', async ({ browser, api }) => {
  const sku = await createProduct(api, uniqueSku('race'), { stock: 1, limitPerShopper: 1 });
  const { pages, close } = await shoppers(browser, 2, sku);
  await releaseTogether(pages);

  await Promise.all(pages.map((p) => p.getByTestId(`buy-${sku}`).click()));
  const results = pages.map((p) => p.getByTestId(`result-${sku}`));
  for (const result of results)
    await expect(result).toHaveAttribute('data-outcome', /purchased|sold_out/);

  const outcomes = await Promise.all(results.map((r) => r.getAttribute('data-outcome')));
  expect([...outcomes].sort()).toEqual(['purchased', 'sold_out']);
  const winner = results[outcomes.indexOf('purchased')]!;
  const loser = results[outcomes.indexOf('sold_out')]!;
  await expect(winner).toContainText('Purchased 1');
  await expect(loser).toContainText('Sold out');
  for (const p of pages) {
    await expect(p.getByTestId(`stock-${sku}`)).toHaveText('0');
    await expect(p.getByTestId(`buy-${sku}`)).toBeDisabled();
  }
  await close();
});

test('six shoppers buy at once: each request is in the log, and the purchases add up to the stock sold', async ({
  browser,
  api,
}) => {
  // Six browsers on a small CI machine: allow three times the default.
  test.slow();
  const stockBefore = 4;
  const sku = await createProduct(api, uniqueSku('crowd'), {
    stock: stockBefore,
    limitPerShopper: 1,
  });
  const { pages, close } = await shoppers(browser, 6, sku);
  await releaseTogether(pages);

  await Promise.all(pages.map((p) => p.getByTestId(`buy-${sku}`).click()));
  for (const p of pages) {
    await expect(p.getByTestId(`result-${sku}`)).toHaveAttribute(
      'data-outcome',
      /purchased|sold_out/,
    );
  }
  const outcomes = await Promise.all(
    pages.map((p) => p.getByTestId(`result-${sku}`).getAttribute('data-outcome')),
  );
  expect(outcomes.filter((o) => o === 'purchased')).toHaveLength(stockBefore);

  // Every shopper sees the same log for this product, with its own row marked "you".
  await Promise.all(
    pages.map(async (p, i) => {
      await p.getByLabel('Product', { exact: true }).selectOption(sku);
      const rows = p.getByTestId('conflict-log').getByTestId('log-entry');
      await expect(rows).toHaveCount(pages.length);
      const mine = rows.and(p.locator('[data-mine]'));
      await expect(mine).toHaveCount(1);
      await expect(mine).toContainText('you');
      await expect(mine).toHaveAttribute('data-outcome', outcomes[i]!);
    }),
  );

  const rows = await pages[0]!
    .getByTestId('conflict-log')
    .getByTestId('log-entry')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        shopper: tr.getAttribute('data-shopper'),
        outcome: tr.getAttribute('data-outcome'),
        attempts: Number(tr.getAttribute('data-attempts')),
        conflicts: Number(tr.getAttribute('data-conflicts')),
        quantity: Number(tr.getAttribute('data-quantity')),
      })),
    );
  expect(new Set(rows.map((r) => r.shopper)).size).toBe(pages.length);
  const purchased = rows.filter((r) => r.outcome === 'purchased');
  // A purchase committed on its transaction's last try: every earlier try was an aborted EXEC.
  for (const r of purchased) expect(r.attempts).toBe(r.conflicts + 1);
  const product = (await (await api.get(`/api/products/${sku}`)).json()) as {
    stock: number;
    sold: number;
  };
  expect(purchased.reduce((sum, r) => sum + r.quantity, 0)).toBe(stockBefore - product.stock);
  expect(product.sold).toBe(stockBefore);
  await expect(pages[0]!.getByTestId(`stock-${sku}`)).toHaveText('0');
  await close();
});

test('a restock through the API shows on the page at its next poll and reopens Buy', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('restock'), { stock: 1, limitPerShopper: 5 });
  await openStore(page, sku);
  const stock = page.getByTestId(`stock-${sku}`);
  const buy = page.getByTestId(`buy-${sku}`);
  await buy.click();
  await expect(stock).toHaveText('0');
  await expect(buy).toBeDisabled();

  const restock = async () => {
    const res = await api.post(`/api/admin/products/${sku}/restock`, { data: { add: 7 } });
    expect(res.status()).toBe(200);
  };
  expect(await stockAtNextPoll(page, sku, restock)).toBe(7);
  await expect(stock).toHaveText('7');
  await expect(buy).toBeEnabled();
});
