import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { metrics } from './metrics';

/**
 * Behind the front, consecutive scrapes reach different instances. So `/api/metrics` answers the
 * sum over every live instance: each publishes its own metrics to one Redis hash (on every scrape
 * it answers, and every PUBLISH_EVERY_MS), and the scraped instance adds up the entries. Each
 * entry only grows while its instance runs, so a counter never goes backwards between scrapes.
 */

/** This process's id among the instances (a restart is a new instance, its counters from 0). */
const INSTANCE_ID = randomUUID();
/** How often an instance publishes its metrics without being scraped. */
export const PUBLISH_EVERY_MS = 5_000;
/** An entry not refreshed for this long belongs to an instance that stopped: it is dropped. */
const STALE_MS = 60_000;

type Entry = { at: number; metrics: object[] };

/** One instance's view: the store, its registry and its id (the app's own by default). */
export type MetricsSource = { ctx: StoreContext; registry: Registry; id: string };

function own(): MetricsSource {
  return { ctx: appContext(), registry: metrics().registry, id: INSTANCE_ID };
}

/** Each instance's publication in progress: the next one starts after it. */
const publishing = new Map<string, Promise<void>>();

/**
 * Writes this instance's metrics, as they are now, to the shared hash. One instance's
 * publications run one after another, so an older reading never lands after a newer one.
 */
export function publishMetrics(source: MetricsSource = own()): Promise<void> {
  const { ctx, registry, id } = source;
  const publish = async () => {
    const entry: Entry = { at: Date.now(), metrics: await registry.getMetricsAsJSON() };
    await ctx.store.hset(ctx.keys.metrics, id, JSON.stringify(entry));
  };
  const next = (publishing.get(id) ?? Promise.resolve()).catch(() => undefined).then(publish);
  publishing.set(id, next);
  return next;
}

/**
 * The Prometheus text of every live instance added up (counters and histograms summed; gauges by
 * their own `aggregator`), this one's published first so it counts what it has just seen.
 */
export async function aggregatedMetrics(
  source: MetricsSource = own(),
): Promise<{ text: string; contentType: string }> {
  await publishMetrics(source);
  const { ctx } = source;
  const all = await ctx.store.hgetall(ctx.keys.metrics);
  const now = Date.now();
  const live: object[][] = [];
  const stale: string[] = [];
  for (const [id, raw] of Object.entries(all)) {
    const entry = JSON.parse(raw) as Entry;
    if (now - entry.at > STALE_MS) stale.push(id);
    else live.push(entry.metrics);
  }
  if (stale.length) await ctx.store.hdel(ctx.keys.metrics, ...stale);
  const registry = AggregatorRegistry.aggregate(live);
  return { text: await registry.metrics(), contentType: registry.contentType };
}

/** Publishes this instance's metrics every PUBLISH_EVERY_MS while the process runs (server start). */
export function startMetricsPublisher(): void {
  const timer = setInterval(() => {
    // A store that is away misses a publication; the next one catches up.
    publishMetrics().catch(() => undefined);
  }, PUBLISH_EVERY_MS);
  timer.unref();
}
