import { randomBytes } from 'node:crypto';
import {
  test as base,
  request,
  type APIRequestContext,
  type Page,
  type Request,
  type Response,
} from '@playwright/test';
import { SNAPSHOT_PATH, type PurchaseResponse, type SnapshotBody } from '../lib/api-types';

import { expect } from '@playwright/test';

export { expect };

/** The admin password the e2e server runs with (playwright.config.ts). */
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'e2e-admin-password';

/** A SKU no other test uses. */
export function uniqueSku(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** An API client with an admin session; it sends the site's Origin, as the CSRF rule asks of a client with a cookie. */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await api.post('/api/admin/login', { data: { password: ADMIN_PASSWORD } });
  if (res.status() !== 204) throw new Error(`admin login failed: ${res.status()}`);
  return api;
}

export type NewProduct = {
  name?: string;
  priceCents?: number;
  stock?: number;
  limitPerShopper?: number;
  startsAt?: string;
  endsAt?: string | null;
  purchaseMode?: 'coalesce' | 'plain';
  checkoutMode?: 'instant' | 'hold';
  holdSeconds?: number;
};

/** The products each admin client created, taken off the sale when its test ends. */
const createdBy = new WeakMap<APIRequestContext, Set<string>>();

/**
 * Takes the products `api` created off the storefront (Delete, or Archive once they have orders),
 * so that every page of the run shows a few products, not every product of every test before it.
 */
async function retireCreated(api: APIRequestContext): Promise<void> {
  for (const sku of createdBy.get(api) ?? []) {
    const path = `/api/admin/products/${encodeURIComponent(sku)}`;
    const deleted = await api.delete(path).catch(() => undefined);
    if (deleted?.status() === 409) await api.post(`${path}/archive`).catch(() => undefined);
  }
}

/** Creates (or updates) a product through the admin API and returns its SKU. */
export async function createProduct(api: APIRequestContext, sku: string, product: NewProduct = {}) {
  const res = await api.put(`/api/admin/products/${sku}`, {
    data: {
      name: product.name ?? `Test ${sku}`,
      priceCents: product.priceCents ?? 1999,
      stock: product.stock ?? 10,
      limitPerShopper: product.limitPerShopper ?? 5,
      startsAt: product.startsAt ?? new Date(Date.now() - 60_000).toISOString(),
      endsAt: product.endsAt ?? null,
      ...(product.purchaseMode ? { purchaseMode: product.purchaseMode } : {}),
      ...(product.checkoutMode ? { checkoutMode: product.checkoutMode } : {}),
      ...(product.holdSeconds ? { holdSeconds: product.holdSeconds } : {}),
    },
  });
  if (![200, 201].includes(res.status()))
    throw new Error(`create ${sku}: ${res.status()} ${await res.text()}`);
  createdBy.set(api, (createdBy.get(api) ?? new Set()).add(sku));
  return sku;
}

/** `count` shoppers, each with a session of its own, buying `sku` at the same moment. */
export async function crowdBuys(baseURL: string, sku: string, count: number, quantity = 1) {
  const shoppers: APIRequestContext[] = await Promise.all(
    // Non-browser shoppers send the site's Origin with their cookie (CSRF rule).
    Array.from({ length: count }, () =>
      request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } }),
    ),
  );
  await Promise.all(shoppers.map((s) => s.post('/api/session')));
  const answers = await Promise.all(
    shoppers.map(async (s) =>
      (await s.post(`/api/products/${sku}/purchase`, { data: { quantity } })).json(),
    ),
  );
  await Promise.all(shoppers.map((s) => s.dispose()));
  return answers as PurchaseResponse[];
}

/** A shopper outside the browser (its own session), e.g. the one whose cart holds the units. */
export async function newShopper(baseURL: string): Promise<APIRequestContext> {
  const shopper = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await shopper.post('/api/session');
  if (!res.ok()) throw new Error(`session: ${res.status()}`);
  return shopper;
}

/** What a hold route answers (docs/API.md, holds). */
export type HoldBody = {
  outcome: string;
  hold?: { id: string; state: string; quantity: number; expiresAt: string };
  shopper?: string;
};

/** Places a hold of `quantity` units of `sku` as `shopper`; throws unless it was held. */
export async function placeHold(shopper: APIRequestContext, sku: string, quantity = 1) {
  const res = await shopper.post(`/api/products/${sku}/holds`, {
    data: { quantity },
    headers: { 'idempotency-key': randomBytes(16).toString('hex') },
  });
  const body = (await res.json()) as HoldBody;
  if (body.outcome !== 'held' || !body.hold)
    throw new Error(`hold ${sku}: ${res.status()} ${JSON.stringify(body)}`);
  return { ...body, hold: body.hold };
}

/** Creates a product, opens the storefront, and waits until this shopper can buy it. */
export async function openStoreWith(
  page: Page,
  api: APIRequestContext,
  prefix: string,
  product: NewProduct = {},
) {
  const sku = await createProduct(api, uniqueSku(prefix), product);
  await page.goto('/');
  const buy = page.getByTestId(`buy-${sku}`);
  await expect(buy).toBeEnabled();
  return { sku, buy };
}

/** The `datetime-local` value of instant `ms` in the page's own time zone. */
export function localInput(page: Page, ms: number): Promise<string> {
  return page.evaluate((at) => {
    const d = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, ms);
}

/** Logs the page's browser context in as admin through the login form, and waits for /admin to be live. */
export async function loginInBrowser(page: Page): Promise<void> {
  await page.goto('/admin/login');
  await page.getByTestId('password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/admin');
  // The table has loaded through SWR: the page is hydrated and its buttons answer clicks.
  await page.locator('table[aria-busy="false"]').first().waitFor();
}

/**
 * Playwright's `test` with `api`: an admin API client for the test; after it, the products it
 * created leave the sale and the client is disposed.
 */
export const test = base.extend<{ api: APIRequestContext }>({
  api: async ({ baseURL }, provide) => {
    const api = await adminApi(baseURL!);
    await provide(api);
    await retireCreated(api);
    await api.dispose();
  },
});

/** Opens the admin's edit dialog of `sku` from its table row; returns the dialog. */
export async function openEditDialog(page: Page, sku: string) {
  await page
    .getByTestId(`admin-row-${sku}`)
    .getByRole('button', { name: /^Edit / })
    .click();
  return page.getByRole('dialog');
}

const isSnapshot = (r: Request) =>
  r.method() === 'GET' && new URL(r.url()).pathname === SNAPSHOT_PATH;

const stockIn = (body: SnapshotBody, sku: string) =>
  body.products.find((p) => p.sku === sku)?.stock;

/**
 * Makes `change` (a write, resolved once its answer is in: the write is committed by then), then
 * answers the stock of `sku` the storefront `page` knows once the first snapshot it asks for after
 * that is answered (an answer that came meanwhile counts too; undefined if it has none). The page
 * polls once a second, so a change known by then shows within about two seconds; counted in polls
 * rather than seconds, a busy machine cannot turn it into a failure.
 */
export async function stockAtNextPoll(
  page: Page,
  sku: string,
  change: () => Promise<unknown>,
): Promise<number | undefined> {
  let known: number | undefined;
  let parsed = Promise.resolve();
  const onResponse = (r: Response) => {
    if (!isSnapshot(r.request()) || r.status() !== 200) return;
    parsed = parsed
      .then(async () => void (known = stockIn((await r.json()) as SnapshotBody, sku)))
      .catch(() => undefined);
  };
  page.on('response', onResponse);
  try {
    await change();
    // A round trip to the page: every request it sent before the change was answered is seen now.
    await page.evaluate(() => 0);
    const response = await (await page.waitForRequest(isSnapshot)).response();
    await parsed;
    if (response?.status() === 200) return stockIn((await response.json()) as SnapshotBody, sku);
    return known;
  } finally {
    page.off('response', onResponse);
  }
}
