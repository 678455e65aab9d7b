// Two real instances on one store — a single Redis and a three-master Cluster — race purchases,
// restocks and idempotent replays: exactly the stock is sold, the audit holds, every conflict the
// answers report is counted in the shared stats.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startCluster } from '../tests/support/cluster';
import { startInstances, type Instances } from './support/instances';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

type Purchase = {
  outcome: string;
  orderId?: string;
  conflicts: number;
  replay?: boolean;
};

// A sell-out across buckets: 1,000 units in 8 buckets, 256 buyers over two instances.
const STOCK = 1000;
const BUCKETS = 8;
const RESTOCKS = 5;
const RESTOCK_ADD = 20;
const SHOPPERS = 256;

/**
 * Sends until an answer arrives: for requests whose repeat is harmless (a login, a new session,
 * the same PUT, a keyed purchase). A connection cut under load — a loaded machine can have the
 * server close a kept-alive connection just as a request goes out — is no answer.
 */
async function answered(send: () => Promise<Response>): Promise<Response> {
  for (;;) {
    try {
      return await send();
    } catch {
      // fetch failed: no answer arrived; the repeat is harmless for these requests.
    }
  }
}

async function race({ urls, password }: Instances) {
  // Each request comes from the page of the instance it goes to, as a browser's would.
  const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { origin: url, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const origin = urls[0]!;
  const login = await answered(() => post(urls[1]!, '/api/admin/login', { password }));
  expect(login.status).toBe(204);
  const admin = login.headers.get('set-cookie')!.split(';')[0]!;
  const put = await answered(() =>
    fetch(`${origin}/api/admin/products/hot`, {
      method: 'PUT',
      headers: { origin, cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Hot',
        priceCents: 100,
        stock: STOCK,
        limitPerShopper: 1000,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        buckets: BUCKETS,
      }),
    }),
  );
  expect([200, 201]).toContain(put.status);

  const cookies = await Promise.all(
    Array.from({ length: SHOPPERS }, async (_, i) => {
      const res = await answered(() => post(urls[i % 2]!, '/api/session', {}));
      return res.headers.get('set-cookie')!.split(';')[0]!;
    }),
  );
  const answers: Purchase[] = [];
  /** Requests that reached an instance (or may have) but whose answer never came back. */
  let unanswered = 0;
  let restocked = false;
  /**
   * One click, as a careful client sends it: with an Idempotency-Key, repeated under that key while
   * the outcome is not known — a 503 `redis_unavailable` (a loaded machine can time a transaction
   * connection out) or a cut connection — so every purchase that happened is seen exactly once.
   */
  const buy = async (
    url: string,
    cookie: string,
    key: string = randomUUID(),
  ): Promise<Purchase> => {
    for (;;) {
      let res: Response;
      try {
        res = await post(
          url,
          '/api/products/hot/purchase',
          { quantity: 1 },
          { cookie, 'idempotency-key': key },
        );
      } catch {
        unanswered++;
        continue;
      }
      expect([200, 409, 503]).toContain(res.status);
      const body = (await res.json()) as Purchase & { error?: { code: string } };
      if (body.error?.code === 'redis_unavailable') continue;
      answers.push(body);
      return body;
    }
  };
  const shopper = async (cookie: string, i: number) => {
    // The first click goes to both instances at once under one key: one order between them.
    const [a, b] = await Promise.all(urls.map((url) => buy(url, cookie, `first-${i}`)));
    if (a!.outcome === 'purchased' || b!.outcome === 'purchased') {
      expect(a!.orderId).toBe(b!.orderId);
    }
    // Sold out counts once every restock is in: until then more units are on their way.
    for (let n = 0; ; n++) {
      const { outcome } = await buy(urls[(i + n) % 2]!, cookie);
      if (outcome === 'sold_out' && restocked) return;
    }
  };
  /** Restocks answered 200, and restocks whose answer was cut (they may or may not have added). */
  const restockTally = { confirmed: 0, unknown: 0 };
  const restock = async (i: number) => {
    // 503 `contention`: the admin write lost every try to the buyers and wrote nothing; the
    // admin tries again, as the admin page does. A cut connection leaves it unknown: not repeated,
    // since a restock has no key; the store's own total tells.
    for (;;) {
      let res: Response;
      try {
        res = await post(
          urls[i % 2]!,
          '/api/admin/products/hot/restock',
          { add: RESTOCK_ADD },
          { cookie: admin },
        );
      } catch {
        restockTally.unknown++;
        return;
      }
      expect([200, 503]).toContain(res.status);
      if (res.status === 200) return void restockTally.confirmed++;
    }
  };
  const restocks = Promise.all(Array.from({ length: RESTOCKS }, (_, i) => restock(i))).then(
    () => (restocked = true),
  );
  await Promise.all([...cookies.map(shopper), restocks]);

  const audit = (await (
    await answered(() => fetch(`${urls[1]}/api/admin/audit`, { headers: { cookie: admin } }))
  ).json()) as {
    ok: boolean;
    products: { sku: string; stock: number; sold: number; totalStock: number }[];
  };
  expect(audit.ok).toBe(true);
  const hot = audit.products.find((p) => p.sku === 'hot')!;
  // Every confirmed restock is in the total, and a cut one at most once.
  const total = hot.totalStock;
  const added = (total - STOCK) / RESTOCK_ADD;
  expect(Number.isInteger(added)).toBe(true);
  expect(added).toBeGreaterThanOrEqual(restockTally.confirmed);
  expect(added).toBeLessThanOrEqual(restockTally.confirmed + restockTally.unknown);
  // Sold out with no unit left in any bucket, and every unit in exactly one order.
  const orders = new Set(answers.flatMap((a) => (a.outcome === 'purchased' ? [a.orderId] : [])));
  expect(orders.size).toBe(total);
  expect(hot).toMatchObject({
    stock: 0,
    sold: total,
    buckets: Array.from({ length: BUCKETS }, () => 0),
  });
  // Every answered request is in the shared stats of both instances, its conflicts with it. An
  // answer cut on its way back was counted by the store but never seen here.
  const reported = answers.filter((a) => !a.replay).reduce((n, a) => n + a.conflicts, 0);
  const stats = (await (await answered(() => fetch(`${origin}/api/stats`))).json()) as {
    conflicts: number;
    purchased: number;
    requests: number;
  };
  expect(stats.purchased).toBe(total);
  if (unanswered === 0) {
    expect(stats).toMatchObject({ conflicts: reported, requests: answers.length });
  } else {
    expect(stats.requests).toBeGreaterThanOrEqual(answers.length);
    expect(stats.requests).toBeLessThanOrEqual(answers.length + unanswered);
    expect(stats.conflicts).toBeGreaterThanOrEqual(reported);
  }
  console.log(
    `two instances: ${answers.length} answers (${unanswered} cut and repeated), ${total} sold, ${reported} conflicts reported and counted`,
  );
}

test('two instances on one Redis sell exactly the stock', async () => {
  const instances = await startInstances(2, { REDIS_URL: process.env.REDIS_URL! });
  try {
    await race(instances);
  } finally {
    await instances.stop();
  }
});

test('two instances on a three-master Redis Cluster sell exactly the stock', async () => {
  const cluster = await startCluster();
  const instances = await startInstances(2, { REDIS_CLUSTER_NODES: cluster.nodes });
  try {
    await race(instances);
  } finally {
    await instances.stop();
    await cluster.stop();
  }
});
