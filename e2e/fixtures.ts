import { randomBytes } from 'node:crypto';
import { test as base, request, type APIRequestContext, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

/** The admin password the e2e server runs with (playwright.config.ts). */
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'e2e-admin-password';

/** A SKU no other test uses. */
export function uniqueSku(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** An API client with an admin session (no Origin header: a non-browser client). */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
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
};

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
    },
  });
  if (![200, 201].includes(res.status()))
    throw new Error(`create ${sku}: ${res.status()} ${await res.text()}`);
  return sku;
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

/** Playwright's `test` with `api`: an admin API client for the test, disposed after it. */
export const test = base.extend<{ api: APIRequestContext }>({
  api: async ({ baseURL }, provide) => {
    const api = await adminApi(baseURL!);
    await provide(api);
    await api.dispose();
  },
});
