import type { Page } from '@playwright/test';
import { createProduct, crowdBuys, expect, openStoreWith, test, uniqueSku } from './fixtures';

const HOUR = 3_600_000;
const WIDTHS = [1280, 390] as const;

/** The page's width in CSS pixels: more than the viewport means something runs off sideways. */
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Buys one unit of `sku` on the open page and waits for the answer. */
async function buyOne(page: Page, sku: string) {
  await expect(page.getByTestId(`buy-${sku}`)).toBeEnabled();
  await page.getByTestId(`buy-${sku}`).click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'purchased');
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('long names without spaces wrap or clamp inside the card and the log, full name kept', async ({
      page,
      api,
    }) => {
      const longName = 'W'.repeat(100);
      const mediumName = 'Supercalifragilisticexpialid';
      const long = await createProduct(api, uniqueSku('long'), { name: longName });
      const medium = await createProduct(api, uniqueSku('medium'), { name: mediumName });
      await page.goto('/');
      await buyOne(page, long);
      await buyOne(page, medium);

      const heading = page.getByTestId(`product-${long}`).getByRole('heading');
      await expect(heading).toHaveAttribute('title', longName);
      const card = await page.getByTestId(`product-${long}`).boundingBox();
      expect(card!.x + card!.width).toBeLessThanOrEqual(width);
      const title = await heading.boundingBox();
      expect(title!.x + title!.width).toBeLessThanOrEqual(card!.x + card!.width);

      // The log's rows keep their outcome badge on screen.
      const rows = page.getByTestId('conflict-log').getByTestId('log-entry');
      await expect(rows.filter({ hasText: mediumName }).first()).toBeVisible();
      const badge = await rows
        .filter({ hasText: mediumName })
        .first()
        .getByText('purchased')
        .filter({ visible: true })
        .first()
        .boundingBox();
      expect(badge!.x + badge!.width).toBeLessThanOrEqual(width);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    });

    test('a message on one card does not move the Buy buttons of its neighbours', async ({
      page,
      api,
    }) => {
      const first = await createProduct(api, uniqueSku('jump-a'), { stock: 5 });
      const second = await createProduct(api, uniqueSku('jump-b'), { stock: 5 });
      await page.goto('/');
      await expect(page.getByTestId(`buy-${second}`)).toBeEnabled();
      // Heights and offsets inside the card: products other tests add may move whole cards.
      const layout = () =>
        page.evaluate(
          ([a, b]) => {
            const box = (id: string) =>
              document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
            return {
              height: box(`product-${a}`).height,
              buyOffset: box(`buy-${a}`).top - box(`product-${a}`).top,
              neighbourBuyOffset: box(`buy-${b}`).top - box(`product-${b}`).top,
            };
          },
          [first, second],
        );
      const before = await layout();
      await page.route('**/api/products/*/purchase', (route) =>
        route.fulfill({
          status: 503,
          json: { error: { code: 'redis_unavailable', message: 'down', issues: [] } },
        }),
      );
      await page.getByTestId(`buy-${first}`).click();
      await expect(page.getByTestId(`result-${first}`)).toHaveAttribute('data-outcome', 'failed');
      await expect(page.getByTestId(`result-${first}`)).toContainText('Try again');
      expect(await layout()).toEqual(before);
    });
  });
}

test('times read as people read them, and the catalogue is ordered live → soon → sold out → ended', async ({
  page,
  api,
}) => {
  const now = Date.now();
  const ended = await createProduct(api, uniqueSku('order-ended'), {
    name: 'Ended deal',
    startsAt: new Date(now - 48 * HOUR).toISOString(),
    endsAt: new Date(now - 24 * HOUR).toISOString(),
  });
  const soldOut = await createProduct(api, uniqueSku('order-soldout'), { stock: 0 });
  const farAway = await createProduct(api, uniqueSku('order-far'), {
    startsAt: new Date(now + 3 * 365 * 24 * HOUR).toISOString(),
  });
  const soon = await createProduct(api, uniqueSku('order-soon'), {
    startsAt: new Date(now + HOUR).toISOString(),
  });
  const live = await createProduct(api, uniqueSku('order-live'), {
    endsAt: new Date(now + 2 * 24 * HOUR).toISOString(),
  });
  await page.goto('/');
  await expect(page.getByTestId(`buy-${live}`)).toBeEnabled();

  // Beyond the next hours: a date, never "27132 h".
  await expect(page.getByTestId(`product-${farAway}`)).toContainText(
    /Starts on \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/,
  );
  await expect(page.getByTestId(`product-${live}`)).toContainText(
    /Ends on \w{3} \d{1,2} \w{3}, \d{2}:\d{2}/,
  );
  await expect(page.getByTestId(`product-${soon}`)).toContainText(/Starts in (59 min|1 h 00 min)/);
  // An ended sale says when, with its date.
  await expect(page.getByTestId(`product-${ended}`)).toContainText(
    /Sale ended on \w{3} \d{1,2} \w{3}, \d{2}:\d{2}/,
  );
  await expect(page.getByTestId(`product-${soldOut}`)).toContainText('No units in this sale yet');
  await expect(page.getByTestId(`product-${soldOut}`)).not.toContainText('All 0 sold');
  for (const sku of [farAway, live, soon])
    await expect(page.getByTestId(`product-${sku}`)).not.toContainText(/\d{3,} h/);

  const order = await page
    .locator('article[data-testid^="product-"]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')!.slice(8)));
  const mine = order.filter((sku) => [ended, soldOut, farAway, soon, live].includes(sku));
  expect(mine).toEqual([live, soon, farAway, soldOut, ended]);
});

test('numbers carry separators and words agree with them; Totals count sold-out products', async ({
  page,
  api,
}) => {
  const big = await createProduct(api, uniqueSku('million'), { stock: 1_000_000 });
  const single = await createProduct(api, uniqueSku('single'), { stock: 1, limitPerShopper: 1 });
  await page.goto('/');
  await expect(page.getByTestId(`product-${big}`)).toContainText(/1,000,000\s*left of 1,000,000/);
  // The test id keeps the contract's digits.
  await expect(page.getByTestId(`stock-${big}`)).toHaveText('1000000');

  await buyOne(page, single);
  const card = page.getByTestId(`product-${single}`);
  await expect(card).toContainText('The only unit is sold');
  await expect(card).not.toContainText('1 units');
  const soldOut = page.getByTestId('stats').locator('div', { hasText: /^Sold out/ });
  await expect(soldOut).toContainText(/[1-9][\d,]* products?/);
  await expect(page.getByTestId('stats')).not.toContainText(/\b1 units\b/);
});

test('after a reset an open page forgets a purchase whose order no longer exists', async ({
  page,
  api,
}) => {
  const { sku } = await openStoreWith(page, api, 'stale', { stock: 3 });
  await buyOne(page, sku);
  await expect(page.getByTestId(`result-${sku}`)).toContainText('Purchased 1');
  // A reset would wipe every test's products; the page sees it as sold going back down.
  await page.route('**/api/snapshot?*', async (route) => {
    const res = await route.fetch({
      headers: { ...route.request().headers(), 'if-none-match': '' },
    });
    const body = (await res.json()) as { products: { sku: string; sold: number }[] };
    for (const p of body.products) if (p.sku === sku) Object.assign(p, { sold: 0, stock: 3 });
    await route.fulfill({ response: res, json: body });
  });
  await expect(page.getByTestId(`result-${sku}`)).not.toContainText('Purchased');
  await expect(page.getByTestId(`result-${sku}`)).not.toHaveAttribute('data-outcome', /.+/);
});

test.describe("in a time zone other than the server's", () => {
  // The server renders in UTC; this browser lives six hours away from it in winter.
  test.use({ timezoneId: 'America/Chicago' });
  const title = 'the first HTML already holds the products (server-rendered), hydrated cleanly';

  test(title, async ({ page, api, request, baseURL }) => {
    const sku = await createProduct(api, uniqueSku('ssr'), {
      name: 'Server Rendered Lamp',
      endsAt: new Date(Date.now() + 3 * 24 * HOUR).toISOString(),
    });
    await crowdBuys(baseURL!, sku, 2);
    const html = await (await request.get('/')).text();
    expect(html).toContain('Server Rendered Lamp');
    expect(html).toContain(`data-testid="stock-${sku}"`);

    // The server's HTML and the browser's first render agree: times show in UTC until hydrated.
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto('/');
    const heading = page.getByRole('heading', { level: 2, name: 'Server Rendered Lamp' });
    await expect(heading).toBeVisible();
    await expect(page.getByRole('heading', { level: 3 })).toHaveCount(0);
    await expect(page.getByTestId(`buy-${sku}`)).toBeEnabled();
    await expect(page.getByTestId(`product-${sku}`)).not.toContainText('UTC');
    expect(
      problems.filter((p) => /hydrat|did not match|error #(418|419|423|425)/i.test(p)),
    ).toEqual([]);
  });
});

test('unknown pages get the branded 404 with a way back to the sale', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This page is not part of the sale',
  );
  await page.getByRole('link', { name: 'Back to the sale' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today’s flash sale');
});
