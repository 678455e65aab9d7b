import {
  createProduct,
  crowdBuys,
  expect,
  localInput,
  loginInBrowser,
  test,
  uniqueSku,
  openEditDialog,
} from './fixtures';
import type { Product } from '../lib/api-types';

const HOUR = 3_600_000;

test('the API refuses invisible names and a restock past the stock ceiling', async ({ api }) => {
  const sku = uniqueSku('invisible');
  const invisible = await api.put(`/api/admin/products/${sku}`, {
    data: { name: '\u0000\u200b', priceCents: 100, stock: 1, limitPerShopper: 1 },
  });
  expect(invisible.status()).toBe(400);
  const body = (await invisible.json()) as { error: { issues: { path: string }[] } };
  expect(body.error.issues.map((i) => i.path)).toContain('name');

  const full = await createProduct(api, uniqueSku('ceiling'), { stock: 999_999 });
  const over = await api.post(`/api/admin/products/${full}/restock`, { data: { add: 2 } });
  expect(over.status()).toBe(400);
  expect(await over.text()).toContain('at most 1,000,000');
  const fits = await api.post(`/api/admin/products/${full}/restock`, { data: { add: 1 } });
  expect(fits.status()).toBe(200);
  expect(((await fits.json()) as { stock: number }).stock).toBe(1_000_000);
});

test('the form checks with the API schema and asks before a $0 price or a window already over', async ({
  page,
}) => {
  const sku = uniqueSku('confirm');
  await loginInBrowser(page);
  await page.getByRole('button', { name: 'New product' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New product' });
  await dialog.getByLabel('SKU').fill(sku);
  await dialog.getByLabel('Name').fill('\u200b ');
  await dialog.getByLabel('Price (USD)').fill('0');
  await dialog.getByLabel('Stock', { exact: true }).fill('1000001');
  await dialog.getByRole('button', { name: 'Create product' }).click();
  await expect(dialog.getByText('Use at least one visible character.')).toBeVisible();
  await expect(dialog.getByText('At most 1,000,000.')).toBeVisible();

  await dialog.getByLabel('Name').fill('Free Sample');
  await dialog.getByLabel('Stock', { exact: true }).fill('5');
  await dialog.getByLabel('Starts').fill(await localInput(page, Date.now() - 2 * HOUR));
  await dialog.getByLabel('Ends').fill(await localInput(page, Date.now() - HOUR));
  await dialog.getByRole('button', { name: 'Create product' }).click();
  await expect(dialog.getByText('Save anyway?')).toBeVisible();
  await expect(dialog).toContainText('already over');
  await expect(dialog).toContainText('$0.00');
  const product = await page.request.get(`/api/products/${sku}`);
  expect(product.status()).toBe(404);

  await dialog.getByRole('button', { name: 'Save anyway' }).click();
  await expect(dialog).toBeHidden();
  const stored = (await (await page.request.get(`/api/products/${sku}`)).json()) as {
    priceCents: number;
    status: string;
  };
  expect(stored).toMatchObject({ priceCents: 0, status: 'ended' });
});

test('a product without orders can be deleted; one with orders is archived and keeps them', async ({
  page,
  api,
  baseURL,
}) => {
  const unsold = await createProduct(api, uniqueSku('delete-me'), { name: 'Never Sold' });
  const sold = await createProduct(api, uniqueSku('archive-me'), { name: 'Sold Once', stock: 3 });
  expect((await crowdBuys(baseURL!, sold, 1))[0]?.outcome).toBe('purchased');
  expect((await api.delete(`/api/admin/products/${sold}`)).status()).toBe(409);

  await loginInBrowser(page);
  for (const [sku, action, confirm, flash] of [
    [unsold, 'Delete…', 'Delete for good', 'Deleted'],
    [sold, 'Archive…', 'Archive now', 'Archived'],
  ] as const) {
    const dialog = await openEditDialog(page, sku);
    await dialog.getByRole('button', { name: action }).click();
    await dialog.getByRole('button', { name: confirm }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${flash} ${sku}.`)).toBeVisible();
    await expect(page.getByTestId(`admin-row-${sku}`)).toHaveCount(0);
  }
  await expect(page.getByTestId(`archived-${sold}`)).toContainText('1 sold');

  expect((await api.get(`/api/products/${unsold}`)).status()).toBe(404);
  const archived = (await (await api.get(`/api/products/${sold}`)).json()) as {
    sold: number;
    status: string;
  };
  expect(archived).toMatchObject({ sold: 1, status: 'ended' });
  const listed = (await (await api.get('/api/products')).json()) as { products: { sku: string }[] };
  expect(listed.products.map((p) => p.sku)).not.toContain(sold);
  const audit = (await (await api.get('/api/admin/audit')).json()) as { ok: boolean };
  expect(audit.ok).toBe(true);
});

test('Restore brings an archived product back on sale, its orders kept', async ({
  page,
  api,
  baseURL,
}) => {
  const sold = await createProduct(api, uniqueSku('restore-me'), { name: 'Sold Once', stock: 3 });
  expect((await crowdBuys(baseURL!, sold, 1))[0]?.outcome).toBe('purchased');
  expect((await api.post(`/api/admin/products/${sold}/archive`)).status()).toBe(200);

  await loginInBrowser(page);
  await page.getByTestId(`archived-${sold}`).getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Restore Sold Once');
  await expect(dialog.getByLabel('Ends')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Restored ${sold}.`)).toBeVisible();
  await expect(page.getByTestId(`admin-row-${sold}`)).toBeVisible();
  await expect(page.getByTestId(`archived-${sold}`)).toHaveCount(0);
  const restored = (await (await api.get(`/api/products/${sold}`)).json()) as Product;
  expect(restored).toMatchObject({ sold: 1, stock: 2, status: 'live', endsAt: null });
});
