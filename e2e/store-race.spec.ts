import {
  createProduct,
  crowdBuys,
  expect,
  loginInBrowser,
  test,
  uniqueSku,
  openEditDialog,
} from './fixtures';
import type { PurchaseResponse } from '../lib/api-types';

test('the log and the cards show what each watched transaction did, row by row', async ({
  page,
  api,
  baseURL,
}) => {
  const plain = await createProduct(api, uniqueSku('race-plain'), {
    stock: 50,
    limitPerShopper: 1,
    purchaseMode: 'plain',
  });
  const coalesced = await createProduct(api, uniqueSku('race-coalesce'), {
    stock: 100,
    limitPerShopper: 1,
    purchaseMode: 'coalesce',
  });
  const plainAnswers = await crowdBuys(baseURL!, plain, 12);
  // Whether buyers overlap depends on how fast their requests arrive: buy in rounds until a
  // transaction has decided several of them (on a quiet machine the first round does).
  const coalescedAnswers: PurchaseResponse[] = [];
  await expect
    .poll(
      async () => {
        coalescedAnswers.push(...(await crowdBuys(baseURL!, coalesced, 12)));
        return Math.max(...coalescedAnswers.map((a) => a.batch));
      },
      { intervals: [0], timeout: 60_000 },
    )
    .toBeGreaterThan(1);

  await page.goto('/');
  await expect(page.getByTestId(`product-${plain}`).getByTestId('purchase-mode')).toHaveAttribute(
    'data-mode',
    'plain',
  );
  await expect(page.getByTestId(`product-${plain}`)).toContainText('plain · 1 tx per buyer');
  await expect(page.getByTestId(`product-${coalesced}`)).toContainText('coalesced');

  // The plain product's rows: one transaction per buyer, their conflicts as the answers said.
  await page.getByLabel('Product', { exact: true }).selectOption(plain);
  const rows = page.getByTestId('conflict-log').getByTestId('log-entry');
  await expect(rows).toHaveCount(12);
  const logged = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      batch: Number(tr.getAttribute('data-batch')),
      conflicts: Number(tr.getAttribute('data-conflicts')),
    })),
  );
  for (const row of logged) expect(row.batch).toBe(1);
  const answered = plainAnswers.reduce((sum, a) => sum + a.conflicts, 0);
  expect(logged.reduce((sum, r) => sum + r.conflicts, 0)).toBe(answered);

  // A row explains itself when it gets the keyboard focus.
  const first = rows.first();
  await first.focus();
  const why = first.getByTestId('log-explanation').filter({ visible: true });
  await expect(why).toBeVisible();
  await expect(why).toContainText('in its own watched transaction');
  await expect(first).toHaveAccessibleDescription(/watched transaction/);
  // The last row's explanation opens upwards, inside the scroll area, instead of being cut off.
  const last = rows.last();
  await last.focus();
  const lastWhy = last.getByTestId('log-explanation').filter({ visible: true });
  await expect(lastWhy).toBeVisible();
  const area = (await page
    .getByRole('region', { name: 'Log entries (scrollable)' })
    .boundingBox())!;
  const box = (await lastWhy.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(area.y);
  expect(box.y + box.height).toBeLessThanOrEqual(area.y + area.height);

  // The coalesced product: several requests decided by one transaction, row by row as answered.
  await page.getByLabel('Product', { exact: true }).selectOption(coalesced);
  // Both products have 12 rows: wait for the coalesced product's, not merely for a count.
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  await expect
    .poll(async () =>
      sorted(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.batch)))),
    )
    .toEqual(sorted(coalescedAnswers.map((a) => a.batch)));
  const together = page
    .getByTestId('conflict-log')
    .locator('[data-testid="log-entry"]:not([data-batch="0"]):not([data-batch="1"])')
    .first();
  await together.focus();
  await expect(together.getByTestId('log-explanation').filter({ visible: true })).toContainText(
    /Decided together with \d+ other requests? in one watched transaction/,
  );
  await expect(
    page.getByTestId('stats').locator('div', { hasText: /^Buyers per transaction/ }),
  ).toContainText(/\d\.\d\d/);
});

test('the admin sets a product to plain mode, and the table and the card show it', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('mode'), { stock: 5 });
  await loginInBrowser(page);
  await expect(page.getByTestId(`admin-mode-${sku}`)).toHaveText('coalesced');
  const dialog = await openEditDialog(page, sku);
  await dialog.getByLabel('Purchase mode').selectOption('plain');
  await expect(dialog).toContainText('the log shows the raw conflicts');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`admin-mode-${sku}`)).toHaveText('plain · 1 tx per buyer');
  const stored = (await (await api.get(`/api/products/${sku}`)).json()) as {
    purchaseMode: string;
  };
  expect(stored.purchaseMode).toBe('plain');
});

test('the admin splits a product into stock buckets; the stock stays and the audit holds', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('buckets'), { stock: 10 });
  await loginInBrowser(page);
  const dialog = await openEditDialog(page, sku);
  await dialog.getByLabel('Stock buckets').fill('4');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`admin-mode-${sku}`)).toHaveText('coalesced · 4 buckets');
  const stored = (await (await api.get(`/api/products/${sku}`)).json()) as {
    buckets: number;
    stock: number;
  };
  expect(stored).toMatchObject({ buckets: 4, stock: 10 });
  const audit = (await (await api.get('/api/admin/audit')).json()) as {
    products: { sku: string; ok: boolean; buckets: number[] }[];
  };
  expect(audit.products.find((p) => p.sku === sku)).toMatchObject({
    ok: true,
    buckets: [3, 3, 2, 2],
  });
});
