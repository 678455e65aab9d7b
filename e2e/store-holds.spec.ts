// Holds at checkout on the storefront: Buy on a `hold` product puts units in the
// shopper's cart with a countdown; Place order, Cancel and expiry each end it, and the card says
// which. Hold times are set per product by the test, so an expiry takes seconds, not minutes;
// every wait is for a condition on the page.
import type { Page } from '@playwright/test';
import { expect, newShopper, openStoreWith, placeHold, test } from './fixtures';

/** The shopper's hold boxes on one card (each has `data-state`). */
const holdsOn = (page: Page, sku: string) =>
  page.getByTestId(`holds-${sku}`).locator('[data-testid^="hold-"][data-state]');

/** A wait for a hold to end by itself: its whole hold time and more (a condition, not a delay). */
const HOLD_END_WAIT_MS = 60_000;

test('hold → countdown → Place order: the card shows the order, also after a reload', async ({
  page,
  api,
}) => {
  const { sku, buy } = await openStoreWith(page, api, 'hold-order', {
    stock: 5,
    checkoutMode: 'hold',
    holdSeconds: 600,
  });
  const card = page.getByTestId(`product-${sku}`);
  await expect(card).toHaveAttribute('data-checkout', 'hold');
  await buy.click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'held');
  const hold = holdsOn(page, sku);
  await expect(hold).toHaveCount(1);
  await expect(hold).toHaveAttribute('data-state', 'held');
  await expect(hold).toContainText('1 unit held for you');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('4');
  await expect(page.getByTestId(`held-${sku}`)).toContainText('1 in carts');

  // The countdown runs: its text changes by itself.
  const countdown = hold.locator('[data-testid^="hold-countdown-"]');
  const first = await countdown.innerText();
  expect(first).toMatch(/min/);
  await expect.poll(() => countdown.innerText()).not.toBe(first);

  // A reload keeps the hold (GET /api/me lists it) and its countdown.
  await page.reload();
  await expect(holdsOn(page, sku)).toHaveAttribute('data-state', 'held');
  await expect(countdown).toContainText('min');

  await card.getByRole('button', { name: 'Place order' }).click();
  await expect(hold).toHaveAttribute('data-state', 'ordered');
  await expect(hold).toContainText('Ordered 1 unit');
  await expect(hold.locator('[data-testid^="hold-order-"]')).toHaveText(/\S+/);
  await expect(card.getByRole('button', { name: 'Place order' })).toHaveCount(0);

  await page.reload();
  await expect(holdsOn(page, sku)).toHaveAttribute('data-state', 'ordered');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('4');
});

test('hold → expiry: the card says so plainly, the unit is back on sale and the quota given back', async ({
  page,
  api,
}) => {
  const { sku, buy } = await openStoreWith(page, api, 'hold-expiry', {
    stock: 3,
    limitPerShopper: 1,
    checkoutMode: 'hold',
    // Long enough for a busy machine to show the hold before it ends; the wait for its end is a
    // condition with room for the whole hold time.
    holdSeconds: 15,
  });
  await buy.click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'held');
  await expect(buy).toHaveText('Limit reached');

  const hold = holdsOn(page, sku);
  await expect(hold).toHaveAttribute('data-state', 'expired', { timeout: HOLD_END_WAIT_MS });
  await expect(hold).toContainText('Your hold expired — the unit went back on sale');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('3');
  await expect(
    page.getByTestId(`product-${sku}`).getByRole('button', { name: 'Place order' }),
  ).toHaveCount(0);
  // The expired hold no longer counts against the limit of one.
  await expect(buy).toBeEnabled();
  await expect(buy).toHaveText(/^Buy/);
});

test('Cancel puts the unit back on sale and says "Cancelled"', async ({ page, api }) => {
  const { sku, buy } = await openStoreWith(page, api, 'hold-cancel', {
    stock: 2,
    checkoutMode: 'hold',
    holdSeconds: 600,
  });
  await buy.click();
  const hold = holdsOn(page, sku);
  await expect(hold).toHaveAttribute('data-state', 'held');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('1');
  await page.getByTestId(`product-${sku}`).getByRole('button', { name: 'Cancel hold' }).click();
  await expect(hold).toHaveAttribute('data-state', 'cancelled');
  await expect(hold).toContainText('Cancelled');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('2');
});

test('"All in carts — N may come back" while every unit is held, then back on sale after expiry', async ({
  page,
  api,
  baseURL,
}) => {
  const { sku, buy } = await openStoreWith(page, api, 'hold-carts', {
    stock: 2,
    limitPerShopper: 2,
    checkoutMode: 'hold',
    // Long enough for the page's next polls to see the held units on a busy machine, short
    // enough to wait for.
    holdSeconds: 20,
  });
  const other = await newShopper(baseURL!);
  try {
    await placeHold(other, sku, 2);
    const card = page.getByTestId(`product-${sku}`);
    await expect(page.getByTestId(`all-in-carts-${sku}`)).toHaveText(
      'All in carts — 2 may come back',
    );
    await expect(card).toHaveAttribute('data-status', 'live');
    await expect(card).not.toContainText('Sold out');
    await expect(buy).toBeDisabled();
    await expect(buy).toHaveText('All in carts');

    // The other shopper never orders: the units come back on their own.
    await expect(page.getByTestId(`stock-${sku}`)).toHaveText('2', { timeout: HOLD_END_WAIT_MS });
    await expect(page.getByTestId(`all-in-carts-${sku}`)).toHaveCount(0);
    await expect(buy).toBeEnabled();
  } finally {
    await other.dispose();
  }
});

test('refusals of Place order and Cancel are told in words on the hold', async ({ page, api }) => {
  const { sku, buy } = await openStoreWith(page, api, 'hold-errors', {
    stock: 2,
    checkoutMode: 'hold',
    holdSeconds: 600,
  });
  await buy.click();
  const hold = holdsOn(page, sku);
  await expect(hold).toHaveAttribute('data-state', 'held');
  const card = page.getByTestId(`product-${sku}`);
  const error = hold.locator('[data-testid^="hold-error-"]');
  const refuse = (status: number, code: string) =>
    page.route(`**/api/products/${sku}/holds/*/*`, (route) =>
      route.fulfill({
        status,
        json: { error: { code, message: code, issues: [] } },
      }),
    );

  await refuse(403, 'not_your_hold');
  await card.getByRole('button', { name: 'Cancel hold' }).click();
  await expect(error).toHaveText('This hold belongs to another session.');
  await page.unrouteAll();

  await refuse(404, 'hold_not_found');
  await card.getByRole('button', { name: 'Place order' }).click();
  await expect(error).toHaveText('This hold no longer exists.');
  await page.unrouteAll();

  await refuse(409, 'hold_expired');
  await card.getByRole('button', { name: 'Place order' }).click();
  await expect(error).toHaveText('Too late: the hold had expired, so the unit went back on sale.');
});
