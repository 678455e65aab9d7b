import { request, type APIRequestContext, type Page } from '@playwright/test';
import type { QueueAdmin, Ticket } from '../lib/api-types';
import { createProduct, expect, uniqueSku, type NewProduct } from './fixtures';

const HOUR = 3_600_000;

export const adminQueuePath = (sku: string) => `/api/admin/products/${sku}/queue`;

export type QueueSetup = {
  opensBeforeSeconds?: number;
  ratePerSecond?: number;
  admitWindowSeconds?: number;
  powDifficulty?: number;
};

/** Switches a product's waiting room on (PUT …/queue) and answers what the admin reads. */
export async function switchOnQueue(
  api: APIRequestContext,
  sku: string,
  setup: QueueSetup = {},
): Promise<QueueAdmin> {
  const res = await api.put(adminQueuePath(sku), {
    data: { enabled: true, opensBeforeSeconds: 2 * 3600, ratePerSecond: 1, ...setup },
  });
  if (res.status() !== 200) throw new Error(`queue ${sku}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as QueueAdmin;
}

/** Pauses or resumes admission and answers the admin's view after it. */
export async function setPaused(api: APIRequestContext, sku: string, paused: boolean) {
  const res = await api.post(`${adminQueuePath(sku)}/${paused ? 'pause' : 'resume'}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as QueueAdmin;
}

export async function adminQueue(api: APIRequestContext, sku: string): Promise<QueueAdmin> {
  return (await (await api.get(adminQueuePath(sku))).json()) as QueueAdmin;
}

/**
 * A product an hour from its start with a paused waiting room that is open already: nothing
 * moves until the test says so.
 */
export async function queuedProduct(
  api: APIRequestContext,
  prefix: string,
  product: NewProduct = {},
  setup: QueueSetup = {},
) {
  const startsAt = new Date(Date.now() + HOUR).toISOString();
  const fields = { stock: 5, limitPerShopper: 1, startsAt, ...product };
  const sku = await createProduct(api, uniqueSku(prefix), fields);
  await switchOnQueue(api, sku, setup);
  return { sku, fields };
}

/** Moves the sale's start to `ms` from now (an admin edit: the waiting room stays on). */
export async function startIn(api: APIRequestContext, sku: string, fields: NewProduct, ms: number) {
  await createProduct(api, sku, { ...fields, startsAt: new Date(Date.now() + ms).toISOString() });
}

/** A shopper through the API: its own session, and the site's Origin (CSRF rule). */
export async function apiShopper(baseURL: string): Promise<APIRequestContext> {
  const shopper = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  expect((await shopper.post('/api/session')).ok()).toBe(true);
  return shopper;
}

export async function joinQueue(shopper: APIRequestContext, sku: string): Promise<Ticket> {
  const res = await shopper.post(`/api/products/${sku}/queue/join`, { data: {} });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { ticket: Ticket }).ticket;
}

/** The ticket of the session `page` runs in (the same cookies). */
export async function ticketOf(page: Page, sku: string): Promise<Ticket> {
  const res = await page.request.get(`/api/products/${sku}/queue/ticket`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { ticket: Ticket }).ticket;
}

/** Opens the waiting page and joins from it: the page ends in `expected` state. */
export async function joinInPage(page: Page, sku: string, expected = 'pre_start') {
  await page.goto(`/queue/${sku}`);
  const card = page.getByTestId('queue-state');
  await expect(card).toHaveAttribute('data-state', 'join');
  await page.getByTestId('queue-join').click();
  await expect(card).toHaveAttribute('data-state', expected);
  return card;
}
