// The admin's Holds and orders panel: a shopper's live hold with Release, and an
// order with Cancel order (a refund after a confirm step). Both decided once on the server.
import type { Page } from '@playwright/test';
import {
  createProduct,
  expect,
  loginInBrowser,
  newShopper,
  openStoreWith,
  placeHold,
  test,
  uniqueSku,
} from './fixtures';

async function showHoldsOf(page: Page, sku: string) {
  const panel = page.getByTestId('admin-holds');
  await panel.getByLabel('Product').selectOption(sku);
  return panel;
}

test('the admin releases a shopper’s hold; the shopper’s card says the store released it', async ({
  page,
  api,
  browser,
}) => {
  const { sku, buy } = await openStoreWith(page, api, 'admin-release', {
    stock: 4,
    checkoutMode: 'hold',
    holdSeconds: 600,
  });
  await buy.click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'held');
  const shopperHold = page
    .getByTestId(`holds-${sku}`)
    .locator('[data-testid^="hold-"][data-state]');
  await expect(shopperHold).toHaveAttribute('data-state', 'held');

  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await loginInBrowser(admin);
    const panel = await showHoldsOf(admin, sku);
    const row = panel.locator('[data-testid^="admin-hold-"]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('1');
    await expect(admin.getByTestId(`admin-held-${sku}`)).toHaveText('1 held');
    await row.getByRole('button', { name: /^Release/ }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Released 1' })).toBeVisible();
    await expect(row).toHaveCount(0);
    await expect(admin.getByTestId(`admin-stock-${sku}`)).toHaveText('4');
  } finally {
    await adminContext.close();
  }

  await expect(shopperHold).toHaveAttribute('data-state', 'cancelled');
  await expect(shopperHold).toContainText('Released by the store');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('4');
});

test('the admin cancels an order after a confirm: its units go back once', async ({
  page,
  api,
  baseURL,
}) => {
  const sku = await createProduct(api, uniqueSku('admin-refund'), {
    stock: 5,
    checkoutMode: 'hold',
    holdSeconds: 600,
  });
  const shopper = await newShopper(baseURL!);
  try {
    const { hold } = await placeHold(shopper, sku, 2);
    const ordered = await shopper.post(`/api/products/${sku}/holds/${hold.id}/order`);
    expect(ordered.status()).toBe(200);
    const { orderId } = (await ordered.json()) as { orderId: string };

    await loginInBrowser(page);
    await expect(page.getByTestId(`admin-stock-${sku}`)).toHaveText('3');
    const panel = await showHoldsOf(page, sku);
    const row = panel.getByTestId(`admin-order-${orderId}`);
    await expect(row).toHaveAttribute('data-state', 'placed');
    await row.getByRole('button', { name: `Cancel order ${orderId}…` }).click();
    const confirm = row.getByRole('group', { name: `Confirm cancelling order ${orderId}` });
    await expect(confirm).toContainText('Refund 2?');
    await confirm.getByRole('button', { name: 'Cancel order' }).click();
    await expect(row).toHaveAttribute('data-state', 'cancelled');
    await expect(row).toContainText('refunded');
    await expect(page.getByTestId(`admin-stock-${sku}`)).toHaveText('5');

    // Twice is refused: the units went back once.
    const again = await api.post(`/api/admin/products/${sku}/orders/${orderId}/cancel`);
    expect(again.status()).toBe(409);
  } finally {
    await shopper.dispose();
  }
});
