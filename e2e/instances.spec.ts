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

async function race({ urls, password }: Instances) {
  // Each request comes from the page of the instance it goes to, as a browser's would.
  const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { origin: url, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const origin = urls[0]!;
  const login = await post(urls[1]!, '/api/admin/login', { password });
  expect(login.status).toBe(204);
  const admin = login.headers.get('set-cookie')!.split(';')[0]!;
  const put = await fetch(`${origin}/api/admin/products/hot`, {
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
  });
  expect(put.status).toBe(201);

  const cookies = await Promise.all(
    Array.from({ length: SHOPPERS }, async (_, i) => {
      const res = await post(urls[i % 2]!, '/api/session', {});
      return res.headers.get('set-cookie')!.split(';')[0]!;
    }),
  );
  const answers: Purchase[] = [];
  let restocked = false;
  /**
   * One click, as a careful client sends it: with an Idempotency-Key, repeated under that key while
   * the answer is 503 `redis_unavailable` (outcome not known yet — a loaded machine can time a
   * transaction connection out), so every purchase that happened is seen exactly once.
   */
  const buy = async (
    url: string,
    cookie: string,
    key: string = randomUUID(),
  ): Promise<Purchase> => {
    for (;;) {
      const res = await post(
        url,
        '/api/products/hot/purchase',
        { quantity: 1 },
        { cookie, 'idempotency-key': key },
      );
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
  const restock = async (i: number) => {
    // 503 `contention`: the admin write lost every try to the buyers and wrote nothing; the
    // admin tries again, as the admin page does.
    for (;;) {
      const res = await post(
        urls[i % 2]!,
        '/api/admin/products/hot/restock',
        { add: RESTOCK_ADD },
        { cookie: admin },
      );
      expect([200, 503]).toContain(res.status);
      if (res.status === 200) return;
    }
  };
  const restocks = Promise.all(Array.from({ length: RESTOCKS }, (_, i) => restock(i))).then(
    () => (restocked = true),
  );
  await Promise.all([...cookies.map(shopper), restocks]);

  const total = STOCK + RESTOCKS * RESTOCK_ADD;
  const orders = new Set(answers.flatMap((a) => (a.outcome === 'purchased' ? [a.orderId] : [])));
  expect(orders.size).toBe(total);
  const audit = (await (
    await fetch(`${urls[1]}/api/admin/audit`, { headers: { cookie: admin } })
  ).json()) as { ok: boolean; products: { sku: string; stock: number; sold: number }[] };
  expect(audit.ok).toBe(true);
  // Sold out with no unit left in any bucket.
  expect(audit.products.find((p) => p.sku === 'hot')).toMatchObject({
    stock: 0,
    sold: total,
    buckets: Array.from({ length: BUCKETS }, () => 0),
  });
  // Every answered request is in the shared stats of both instances, its conflicts with it.
  const reported = answers.filter((a) => !a.replay).reduce((n, a) => n + a.conflicts, 0);
  const stats = (await (await fetch(`${origin}/api/stats`)).json()) as {
    conflicts: number;
    purchased: number;
    requests: number;
  };
  expect(stats).toMatchObject({ conflicts: reported, purchased: total, requests: answers.length });
  console.log(
    `two instances: ${answers.length} answers, ${total} sold, ${reported} conflicts reported and counted`,
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
