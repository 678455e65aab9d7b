import {
  createProduct,
  expect,
  localInput,
  loginInBrowser,
  stockAtNextPoll,
  test,
  uniqueSku,
} from './fixtures';
import type { Audit, Product, PurchaseResponse } from '../lib/api-types';

/** `ms` rounded down to the minute, as the API stores a minute-precision input. */
const toMinuteIso = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

test('a restock on /admin reaches a shopper on / at the next poll', async ({
  page,
  browser,
  baseURL,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('restock'), { stock: 3 });
  const shopper = await browser.newContext({ baseURL });
  const shopperPage = await shopper.newPage();
  await shopperPage.goto('/');
  await expect(shopperPage.getByTestId(`stock-${sku}`)).toHaveText('3');

  await loginInBrowser(page);
  await expect(page.getByTestId(`admin-stock-${sku}`)).toHaveText('3');
  // The admin sees the answer of the restock itself, not a later poll: polls go unanswered.
  const polls = '**/api/products';
  await page.route(polls, (route) => route.abort());
  // Done once the admin page has the restock's answer.
  const restockOnAdmin = async () => {
    await page.getByTestId(`restock-${sku}`).fill('7');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/restock')),
      page.getByTestId(`restock-submit-${sku}`).click(),
    ]);
  };
  // …and the shopper's page with its next poll (once a second).
  expect(await stockAtNextPoll(shopperPage, sku, restockOnAdmin)).toBe(10);
  await expect(page.getByTestId(`admin-stock-${sku}`)).toHaveText('10');
  await expect(page.getByTestId(`restock-${sku}`)).toHaveValue('');
  await page.unroute(polls);
  await expect(shopperPage.getByTestId(`stock-${sku}`)).toHaveText('10');
  await shopper.close();
});

test('restock input is validated inline before anything is sent', async ({ page, api }) => {
  const sku = await createProduct(api, uniqueSku('badrestock'), { stock: 4 });
  await loginInBrowser(page);
  const row = page.getByTestId(`admin-row-${sku}`);
  let posts = 0;
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/admin/products/${sku}/restock`)) posts += 1;
  });
  for (const [value, message] of [
    ['0', 'At least 1.'],
    ['2.5', 'Whole units only.'],
    ['1000001', 'At most 1,000,000.'],
  ] as const) {
    await page.getByTestId(`restock-${sku}`).fill(value);
    await page.getByTestId(`restock-submit-${sku}`).click();
    await expect(row.getByText(message)).toBeVisible();
    await expect(page.getByTestId(`restock-${sku}`)).toHaveAttribute('aria-invalid', 'true');
  }
  expect(posts).toBe(0);
  await expect(page.getByTestId(`admin-stock-${sku}`)).toHaveText('4');
});

test.describe('in another time zone', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('a product created through the form is on /, and a future start holds its Buy back with a countdown', async ({
    page,
    browser,
    baseURL,
  }) => {
    const sku = uniqueSku('created');
    const startMs = Date.now() + 2 * 3600_000;
    await loginInBrowser(page);
    await page.getByRole('button', { name: 'New product' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await expect(dialog).toContainText('America/New_York');

    // An empty form is refused field by field.
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await expect(dialog.getByText('Enter a SKU.')).toBeVisible();
    await expect(dialog.getByText('Enter a name.')).toBeVisible();
    await expect(dialog.getByText('Enter a price.')).toBeVisible();
    await expect(dialog.getByText('Enter the stock.')).toBeVisible();
    await expect(dialog.getByLabel('SKU')).toBeFocused();

    await dialog.getByLabel('SKU').fill('Not A Sku');
    await dialog.getByLabel('Name').fill('Midnight Parka');
    await dialog.getByLabel('Price (USD)').fill('89.5');
    await dialog.getByLabel('Stock', { exact: true }).fill('12');
    await dialog.getByLabel('Limit per shopper').fill('2');
    await dialog.getByLabel('Starts').fill(await localInput(page, startMs));
    await dialog.getByLabel('Ends').fill(await localInput(page, startMs - 3600_000));
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await expect(dialog.getByText(/lower-case letters, digits and dashes/i)).toBeVisible();
    await expect(dialog.getByText('The end must come after the start.')).toBeVisible();

    await dialog.getByLabel('SKU').fill(sku);
    await dialog.getByLabel('Ends').fill('');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await expect(dialog).toBeHidden();
    const created = page.getByRole('status').filter({ hasText: `Created ${sku}.` });
    await expect(created).toBeVisible();
    // The notice stays until dismissed: nothing the admin should read vanishes on a timer.
    await created.getByRole('button', { name: 'Dismiss' }).click();
    await expect(created).toHaveCount(0);
    const row = page.getByTestId(`admin-row-${sku}`);
    await expect(row).toContainText('Midnight Parka');
    await expect(row).toContainText('$89.50');
    await expect(row).toContainText(/scheduled/i);
    await expect(row).toContainText(/starts in (1 h 5\d min|2 h 00 min)/);

    // The local time became the right instant in UTC.
    const stored = (await (await page.request.get(`/api/products/${sku}`)).json()) as Product;
    expect(stored).toMatchObject({
      name: 'Midnight Parka',
      priceCents: 8950,
      stock: 12,
      totalStock: 12,
      limitPerShopper: 2,
      startsAt: toMinuteIso(startMs),
      endsAt: null,
      status: 'scheduled',
    });

    const shopper = await browser.newContext({ baseURL });
    const shopperPage = await shopper.newPage();
    await shopperPage.goto('/');
    const card = shopperPage.getByTestId(`product-${sku}`);
    await expect(card).toBeVisible();
    await expect(card).toContainText('Midnight Parka');
    await expect(shopperPage.getByTestId(`buy-${sku}`)).toBeDisabled();
    await expect(card).toContainText(/starts in \d+ (h|min)/i);
    await shopper.close();
  });

  test('editing changes name, price, limit and sale window but not stock', async ({
    page,
    api,
  }) => {
    const startsAt = new Date(Date.now() - 3600_000).toISOString();
    const sku = await createProduct(api, uniqueSku('edit'), {
      name: 'Plain Tee',
      priceCents: 1500,
      stock: 6,
      limitPerShopper: 1,
      startsAt,
    });
    const endMs = Date.now() + 3 * 3600_000;
    await loginInBrowser(page);
    await page
      .getByTestId(`admin-row-${sku}`)
      .getByRole('button', { name: 'Edit Plain Tee' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Edit Plain Tee' });
    await expect(dialog.getByLabel('SKU')).toBeDisabled();
    await expect(dialog.getByLabel('Stock', { exact: true })).toBeDisabled();
    await dialog.getByLabel('Name').fill('Striped Tee');
    await dialog.getByLabel('Price (USD)').fill('12.50');
    await dialog.getByLabel('Limit per shopper').fill('3');
    await dialog.getByLabel('Ends').fill(await localInput(page, endMs));
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Saved ${sku}.`)).toBeVisible();
    await expect(page.getByTestId(`admin-row-${sku}`)).toContainText('Striped Tee');

    const stored = (await (await api.get(`/api/products/${sku}`)).json()) as Product;
    expect(stored).toMatchObject({
      name: 'Striped Tee',
      priceCents: 1250,
      limitPerShopper: 3,
      stock: 6,
      startsAt,
      endsAt: toMinuteIso(endMs),
      status: 'live',
    });
  });
});

test('after a burst of purchases from several shoppers the audit shows every product consistent', async ({
  page,
  browser,
  baseURL,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('burst'), {
    stock: 10,
    limitPerShopper: 2,
  });
  const shoppers = await Promise.all(
    Array.from({ length: 8 }, () => browser.newContext({ baseURL })),
  );
  const answers = await Promise.all(
    shoppers.map(async (context) => {
      const page = await context.newPage();
      expect((await page.request.post('/api/session')).status()).toBe(200);
      return Promise.all(
        Array.from({ length: 3 }, async () => {
          // A client outside the page sends the site's Origin with its cookie (CSRF rule).
          const res = await page.request.post(`/api/products/${sku}/purchase`, {
            data: { quantity: 1 },
            headers: { origin: baseURL! },
          });
          return (await res.json()) as PurchaseResponse;
        }),
      );
    }),
  );
  const outcomes = answers.flat().map((a) => a.outcome);
  const purchased = outcomes.filter((o) => o === 'purchased').length;
  expect(purchased).toBeLessThanOrEqual(10);
  expect(
    outcomes.every((o) =>
      ['purchased', 'sold_out', 'limit_reached', 'insufficient_stock', 'contention'].includes(o),
    ),
  ).toBe(true);
  await Promise.all(shoppers.map((c) => c.close()));

  await loginInBrowser(page);
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByTestId('audit-summary')).toHaveAttribute('data-ok', 'true');
  // However many products the run has made so far (this one at least).
  await expect(page.getByTestId('audit-summary')).toContainText(
    /^(All \d+ products consistent|The product is consistent)\.$/,
  );
  const row = page.getByTestId(`audit-row-${sku}`);
  await expect(row).toHaveAttribute('data-ok', 'true');
  // SKU (with its books), on sale, held, sold, total, order units, hold units, stuck, result.
  await expect(row.getByRole('cell')).toHaveText([
    new RegExp(`^${sku}`),
    String(10 - purchased),
    '0',
    String(purchased),
    '10',
    String(purchased),
    '0',
    '0',
    /OK/,
  ]);
  await expect(page.getByTestId(`audit-books-${sku}`)).toHaveText(
    `${10 - purchased} + 0 + ${purchased} = 10`,
  );
  await expect(page.locator('[data-testid^="audit-row-"][data-ok="false"]')).toHaveCount(0);

  // The page's audit agrees with the API's.
  const audit = (await (await page.request.get('/api/admin/audit')).json()) as Audit;
  expect(audit.ok).toBe(true);
});

test('resetting the catalogue asks first and can be cancelled', async ({ page, api }) => {
  const sku = await createProduct(api, uniqueSku('keep'));
  await loginInBrowser(page);
  const dialog = page.getByRole('dialog', { name: 'Reset the demo catalogue?' });

  await page.getByRole('button', { name: 'Reset demo…' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Reset catalogue' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Reset demo…' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  expect((await api.get(`/api/products/${sku}`)).status()).toBe(200);
  await expect(page.getByTestId(`admin-row-${sku}`)).toBeVisible();
});
