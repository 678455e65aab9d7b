// The waiting room end to end: shoppers join before the start and are told joining early gives no
// advantage; at the start the line is shuffled and each page shows its place; the place falls as
// admission moves; the shopper is let in and buys; shoppers not let in are refused by the API.
// The start is moved a few seconds ahead by the test, admission is paused and resumed by it, and
// every wait is for a condition.
import type { NotAdmitted } from '../lib/api-types';
import { createProduct, expect, loginInBrowser, test, uniqueSku } from './fixtures';
import {
  adminQueue,
  apiShopper,
  joinInPage,
  joinQueue,
  queuedProduct,
  setPaused,
  startIn,
  ticketOf,
} from './queue-support';

test('a shopper joins before the start, sees their place fall, is let in and buys; others are refused', async ({
  browser,
  api,
  baseURL,
}) => {
  test.slow();
  const { sku, fields } = await queuedProduct(api, 'queue-flow');
  // Nothing is admitted until the test resumes admission: each place is what the test makes it.
  await setPaused(api, sku, true);

  // Two shoppers in browsers and two through the API join the pre-queue.
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const page of pages) {
    const card = await joinInPage(page, sku);
    await expect(card).toContainText('joining early gives no advantage');
    await expect(page.getByTestId('queue-seed-hash')).toHaveText(/^[0-9a-f]{64}$/);
  }
  const early = await Promise.all([apiShopper(baseURL!), apiShopper(baseURL!)]);
  for (const shopper of early) expect((await joinQueue(shopper, sku)).rank).toBeNull();

  // The sale starts two seconds from now: the shuffle ranks the four, each page shows its place.
  await startIn(api, sku, fields, 2_000);
  for (const page of pages)
    await expect(page.getByTestId('queue-state')).toHaveAttribute('data-state', 'waiting');
  const ranks = await Promise.all(pages.map(async (page) => (await ticketOf(page, sku)).rank!));
  // The browser shopper further back (rank 2 or more) is the one followed from here.
  const at = ranks[0]! > ranks[1]! ? 0 : 1;
  const page = pages[at]!;
  const rank = ranks[at]!;
  expect(rank).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('queue-position')).toHaveText(String(rank));
  await expect(page.getByTestId('queue-ahead')).toHaveText(String(rank - 1));
  await expect(page.getByTestId('queue-seed')).toHaveText(/^[0-9a-f]+$/);
  await expect(page.getByTestId('queue-seed-check')).toHaveAttribute('data-ok', 'true');

  // Admission moves until someone is in, then stands still again: the place has fallen.
  await setPaused(api, sku, false);
  await expect.poll(async () => (await adminQueue(api, sku)).admitted).toBeGreaterThanOrEqual(1);
  const { admitted } = await setPaused(api, sku, true);
  if (admitted < rank)
    await expect(page.getByTestId('queue-position')).toHaveText(String(rank - admitted));
  else await expect(page.getByTestId('queue-state')).toHaveAttribute('data-state', 'turn');

  // Shoppers the line has not reached are refused by the API, with their place.
  const late = await apiShopper(baseURL!);
  const lateTicket = await joinQueue(late, sku);
  expect(lateTicket.rank).toBe(5);
  const refused = await late.post(`/api/products/${sku}/purchase`, { data: { quantity: 1 } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()) as NotAdmitted).toMatchObject({
    error: { code: 'not_admitted' },
    reason: 'waiting',
    position: 5 - admitted,
  });
  const stranger = await apiShopper(baseURL!);
  const noTicket = await stranger.post(`/api/products/${sku}/purchase`, { data: { quantity: 1 } });
  expect(noTicket.status()).toBe(403);
  expect(await noTicket.json()).toMatchObject({ reason: 'no_ticket', position: null });

  // The line moves on: the shopper's turn comes, and they buy.
  await setPaused(api, sku, false);
  const card = page.getByTestId('queue-state');
  await expect(card).toHaveAttribute('data-state', 'turn');
  await expect(page.getByTestId('queue-title')).toHaveText(
    /It’s your turn — you have \d+ minutes?/,
  );
  await page.getByTestId(`buy-${sku}`).click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'purchased');

  for (const c of [...early, late, stranger]) await c.dispose();
  await Promise.all(contexts.map((c) => c.close()));
});

test('the page solves the proof of work the queue asks for, and joins', async ({ page, api }) => {
  const { sku } = await queuedProduct(api, 'queue-pow', {}, { powDifficulty: 12 });
  await joinInPage(page, sku);
  const ticket = await ticketOf(page, sku);
  expect(ticket.rank).toBeNull();
});

test('the storefront sends a queued product to its waiting room, shows the place, and sells in the turn', async ({
  page,
  api,
  baseURL,
}) => {
  const { sku, fields } = await queuedProduct(api, 'queue-card');
  await setPaused(api, sku, true);
  const ahead = await apiShopper(baseURL!);
  await joinQueue(ahead, sku);
  await startIn(api, sku, fields, 0);
  await page.goto('/');
  const card = page.getByTestId(`product-${sku}`);
  await expect(card).not.toContainText('first-come');
  const link = page.getByTestId(`queue-link-${sku}`);
  await expect(link).toHaveText(/Join the waiting room/);
  await expect(page.getByTestId(`buy-${sku}`)).toHaveCount(0);
  await link.click();
  await page.waitForURL(`**/queue/${sku}`);
  await page.getByTestId('queue-join').click();
  // Behind the one who joined before the start; admission is paused, so the place stays 2.
  await expect(page.getByTestId('queue-position')).toHaveText('2');
  await page.goto('/');
  await expect(page.getByTestId(`queue-link-${sku}`)).toHaveText(/Your place: 2/);

  // Admission moves: the card turns into Buy with the time left, and the shopper buys there.
  await setPaused(api, sku, false);
  await expect(page.getByTestId(`limit-${sku}`)).toHaveText(/Your turn — .* left to buy/);
  await page.getByTestId(`buy-${sku}`).click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'purchased');
  await ahead.dispose();
});

test('a turn not used passes: the page says so and the API refuses the session', async ({
  page,
  api,
}) => {
  test.slow();
  const { sku, fields } = await queuedProduct(
    api,
    'queue-pass',
    {},
    { ratePerSecond: 10, admitWindowSeconds: 10 },
  );
  await startIn(api, sku, fields, 0);
  await joinInPage(page, sku, 'turn');
  // The ten-second window runs out while the shopper does nothing.
  await expect(page.getByTestId('queue-state')).toHaveAttribute('data-state', 'passed');
  await expect(page.getByTestId('queue-title')).toHaveText('Your turn has passed');
  const refused = await page.request.post(`/api/products/${sku}/purchase`, {
    data: { quantity: 1 },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ reason: 'turn_passed' });
});

test('the admin pauses, resumes, changes the rate and switches a waiting room on', async ({
  page,
  api,
}) => {
  const { sku } = await queuedProduct(api, 'queue-admin');
  const plain = await createProduct(api, uniqueSku('queue-admin-plain'));
  await loginInBrowser(page);
  const card = page.getByTestId(`queue-admin-${sku}`);
  await expect(card).toHaveAttribute('data-state', 'open');

  await card.getByRole('button', { name: /^Pause/ }).click();
  await expect(card.getByRole('button', { name: /^Resume/ })).toBeVisible();
  expect((await adminQueue(api, sku)).paused).toBe(true);
  await card.getByRole('button', { name: /^Resume/ }).click();
  await expect(card.getByRole('button', { name: /^Pause/ })).toBeVisible();

  await card.getByLabel(/New rate/).fill('2.5');
  await card.getByRole('button', { name: 'Change rate' }).click();
  await expect(page.getByTestId(`queue-rate-value-${sku}`)).toHaveText('2.5 / s');
  expect((await adminQueue(api, sku)).status.ratePerSecond).toBe(2.5);

  await page.getByLabel('Add a waiting room to').selectOption(plain);
  await page.getByRole('button', { name: 'Set up…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Proof of work (bits)').fill('30');
  await dialog.getByRole('button', { name: 'Switch on' }).click();
  await expect(dialog.getByText('At most 24.')).toBeVisible();
  await dialog.getByLabel('Proof of work (bits)').fill('4');
  await dialog.getByRole('button', { name: 'Switch on' }).click();
  const added = page.getByTestId(`queue-admin-${plain}`);
  await expect(added).toBeVisible();
  await expect(page.getByTestId(`queue-admin-hash-${plain}`)).toHaveText(/^[0-9a-f]{64}$/);
  const queue = await adminQueue(api, plain);
  expect(queue).toMatchObject({ enabled: true, status: { powDifficulty: 4 } });
});
