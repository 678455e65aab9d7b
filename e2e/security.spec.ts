import type { Page } from '@playwright/test';
import { createProduct, expect, loginInBrowser, test, uniqueSku } from './fixtures';

/** Collects every CSP violation the page reports (the init script runs outside the page's CSP). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
      consoleErrors.push(m.text());
  });
  return async () => [
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
    ...consoleErrors,
  ];
}

test('every page works under its CSP, with no violation', async ({ page, api }) => {
  const sku = await createProduct(api, uniqueSku('csp'), { stock: 3 });
  const violations = await watchCsp(page);
  await page.goto('/');
  await expect(page.getByTestId(`buy-${sku}`)).toBeEnabled();
  await page.getByTestId(`buy-${sku}`).click();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'purchased');
  // The log marks this shopper's own row from its purchase answer (per-product pseudonym).
  await page.getByLabel('Product', { exact: true }).selectOption(sku);
  const mine = page.getByTestId('conflict-log').locator('[data-testid="log-entry"][data-mine]');
  await expect(mine).toHaveCount(1);
  expect(await violations()).toEqual([]);

  await loginInBrowser(page);
  await expect(page.getByTestId(`restock-${sku}`)).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('pages and API answers carry the security headers; the nonce is new each time', async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ['/', '/admin/login', '/']) {
    const res = await request.get(path);
    const h = res.headers();
    const csp = h['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
    // Next put the same nonce on the scripts it rendered.
    expect(await res.text()).toContain(`nonce="${[...nonces].at(-1)!}"`);
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    // Plain http, and a client's own X-Forwarded-Proto does not count: no HSTS.
    expect(h['strict-transport-security']).toBeUndefined();
  }
  expect(nonces.size).toBe(3);
  const api = await request.get('/api/products', { headers: { 'x-forwarded-proto': 'https' } });
  expect(api.headers()['content-security-policy']).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['strict-transport-security']).toBeUndefined();
});

test('prefetched pages carry the CSP too, and the image optimizer is off', async ({ request }) => {
  const prefetches: Record<string, string>[] = [
    { purpose: 'prefetch' },
    { 'next-router-prefetch': '1' },
    { 'sec-purpose': 'prefetch' },
  ];
  for (const headers of prefetches) {
    for (const path of ['/', '/admin/login']) {
      const res = await request.get(path, { headers });
      expect(res.status()).toBe(200);
      expect(res.headers()['content-security-policy'] ?? '').toMatch(
        /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
      );
    }
  }
  // Nothing uses next/image: its optimizer would only decode and resize for anyone who asks.
  const optimized = await request.get('/_next/image?url=%2Ficon.svg&w=3840&q=75');
  expect(optimized.status()).toBe(404);
});

test('a foreign page cannot frame the store or the login', async ({ page, baseURL }) => {
  await page.route('http://foreign.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<iframe id="a" src="${baseURL}/"></iframe><iframe id="b" src="${baseURL}/admin/login"></iframe>`,
    }),
  );
  await page.goto('http://foreign.test/');
  await expect.poll(() => page.frames().length).toBe(3);
  for (const frame of page.frames().slice(1)) {
    await frame.waitForLoadState().catch(() => undefined);
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(text).not.toMatch(/flash sale|Password/i);
  }
});

test('TRACE answers 405 and a malformed path 400, as JSON', async ({ request }) => {
  const trace = await request.fetch('/', { method: 'TRACE' });
  expect(trace.status()).toBe(405);
  expect(await trace.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  const bad = await request.get('/api/products/%FF');
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request' } });
});

test('a purchase refused with 429 says so on the card', async ({ page, api }) => {
  const sku = await createProduct(api, uniqueSku('limited'), { stock: 3 });
  await page.route(`**/api/products/${sku}/purchase`, (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '1', 'content-type': 'application/json' },
      body: JSON.stringify({
        error: {
          code: 'rate_limited',
          message: 'Too many purchase attempts from this address; try again in 1 s.',
          issues: [],
        },
      }),
    }),
  );
  await page.goto('/');
  await expect(page.getByTestId(`buy-${sku}`)).toBeEnabled();
  await page.getByTestId(`buy-${sku}`).click();
  const result = page.getByTestId(`result-${sku}`);
  await expect(result).toHaveAttribute('data-outcome', 'rate_limited');
  await expect(result).toContainText('Too many tries');
  await expect(result).toContainText('Too many purchase attempts from this address');
});
