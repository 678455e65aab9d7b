import { createProduct, expect, stockAtNextPoll, test, uniqueSku } from './fixtures';

type Read = { path: string; ifNoneMatch: string | undefined; at: number };
type Answer = { status: number; etag: string | null; ifNoneMatch: string | undefined };

test('the storefront polls one conditional snapshot per interval, and a change shows at the next poll', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('poll'), { stock: 6 });
  const reads: Read[] = [];
  const answers: Answer[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() === 'GET' && url.pathname.startsWith('/api/'))
      reads.push({ path: url.pathname, ifNoneMatch: r.headers()['if-none-match'], at: Date.now() });
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname !== '/api/snapshot') return;
    answers.push({
      status: r.status(),
      etag: r.headers()['etag'] ?? null,
      ifNoneMatch: r.request().headers()['if-none-match'],
    });
  });
  await page.goto('/');
  const stock = page.getByTestId(`stock-${sku}`);
  await expect(stock).toHaveText('6');
  // Loading is over once the page knows this shopper's own units (one private read, at load).
  await expect.poll(() => reads.some((r) => r.path === '/api/me')).toBe(true);

  // An open page reads only the snapshot, each time naming what it has, and no more often than
  // its interval (how often at most is SWR's setting, checked in tests/poll-interval.test.ts: a
  // clock bound here would fail on a slow machine).
  const from = reads.length;
  const answersFrom = answers.length;
  await expect.poll(() => reads.length - from).toBeGreaterThanOrEqual(3);
  const window = reads.slice(from, from + 3);
  expect(window.map((r) => r.path)).toEqual(Array(3).fill('/api/snapshot'));
  expect(window[2]!.at - window[0]!.at).toBeGreaterThanOrEqual(1500);
  // Each poll names what the page has: the ETag of the last 200, or what the last 304 confirmed.
  const polled = answers.slice(answersFrom, answersFrom + 3);
  for (const read of window) expect(read.ifNoneMatch).toMatch(/^W\/"/);
  for (let i = 1; i < polled.length; i++) {
    const last = polled[i - 1]!;
    expect(polled[i]!.ifNoneMatch).toBe(last.status === 200 ? last.etag : last.ifNoneMatch);
  }
  // A 304 (other tests may be buying meanwhile, so not every answer is one) names what was sent.
  for (const a of answers.filter((x) => x.status === 304)) expect(a.etag).toBe(a.ifNoneMatch);

  // A change made elsewhere reaches the page with its next poll, so within about two seconds.
  const restock = async () => {
    const res = await api.post(`/api/admin/products/${sku}/restock`, { data: { add: 3 } });
    expect(res.status()).toBe(200);
  };
  expect(await stockAtNextPoll(page, sku, restock)).toBe(9);
  await expect(stock).toHaveText('9');
});
