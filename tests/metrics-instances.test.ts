// /api/metrics behind the front: consecutive scrapes reach different instances, and each answers
// the sum over every live instance, so a counter never goes backwards. Two instances here are two
// registries publishing to the same Redis, as two `next start` processes do.
import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { observePurchase } from '@/lib/metrics';
import { aggregatedMetrics, publishMetrics, type MetricsSource } from '@/lib/metrics-aggregate';
import { appContext } from '@/lib/redis/client';
import { req } from './support/http';

function instance(id: string): MetricsSource & { purchased: Counter<'outcome'> } {
  const registry = new Registry();
  const purchased = new Counter({
    name: 'stockrush_purchase_outcomes_total',
    help: 'Purchase requests answered, by outcome (this instance).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return { ctx: appContext(), registry, id: `test-${id}`, purchased };
}

/** The `purchased` count in a Prometheus text. */
function purchasedIn(text: string): number {
  const line = text.split('\n').find((l) => l.startsWith('stockrush_purchase_outcomes_total{'));
  const match = line?.match(/outcome="purchased"\} (\d+)/);
  return match ? Number(match[1]) : 0;
}

describe('metrics across instances', () => {
  it('consecutive scrapes alternating between two instances never go backwards and count both', async () => {
    const a = instance('a');
    const b = instance('b');
    const seen: number[] = [];
    let total = 0;
    for (let round = 0; round < 20; round++) {
      // Uneven traffic: instance a sells three times what b does (alone, b's count lags a's).
      a.purchased.inc({ outcome: 'purchased' }, 3);
      b.purchased.inc({ outcome: 'purchased' }, 1);
      total += 4;
      const [scraped, other] = round % 2 ? [a, b] : [b, a];
      // The other instance publishes on its own timer: here every third round.
      if (round % 3 === 0) await publishMetrics(other);
      const count = purchasedIn((await aggregatedMetrics(scraped)).text);
      expect(count).toBeLessThanOrEqual(total);
      seen.push(count);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
    // Once both have published, either instance answers the whole count.
    await publishMetrics(a);
    expect(purchasedIn((await aggregatedMetrics(b)).text)).toBe(total);
    expect(purchasedIn((await aggregatedMetrics(a)).text)).toBe(total);
  });

  it('drops an instance that stopped publishing a minute ago', async () => {
    const { store, keys } = appContext();
    const gone = instance('gone');
    gone.purchased.inc({ outcome: 'purchased' }, 1000);
    const metrics = await gone.registry.getMetricsAsJSON();
    await store.hset(keys.metrics, gone.id, JSON.stringify({ at: Date.now() - 120_000, metrics }));
    const live = instance('live');
    live.purchased.inc({ outcome: 'purchased' }, 2);
    const before = purchasedIn((await aggregatedMetrics(live)).text);
    expect(await store.hexists(keys.metrics, gone.id)).toBe(0);
    expect(before).toBeLessThan(1000);
  });

  it("the route answers with this instance's own counts in the sum", async () => {
    const read = async () => {
      const res = await metricsRoute(req('/api/metrics', { peer: '127.0.0.1' }));
      expect(res.status).toBe(200);
      return purchasedIn(await res.text());
    };
    const before = await read();
    observePurchase('purchased', 1, 5);
    expect(await read()).toBe(before + 1);
  });
});
