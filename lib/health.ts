import type { HealthBody } from '@/lib/api-types';
import { appContext, primaries, type StoreContext } from '@/lib/redis/client';

/** What the store's replication offers the durability mode (from INFO replication). */
export type Replication = {
  /** Online replicas of the primary (the fewest of any master on Cluster). */
  replicas: number;
  /** Seconds since the slowest online replica last acknowledged, or null without one. */
  lagSeconds: number | null;
};

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

/** Reads `slaveN:…,state=online,…,lag=S` lines of INFO replication. */
export function parseReplication(info: string): Replication {
  const online = info
    .split('\n')
    .filter((line) => /^slave\d+:/.test(line) && line.includes('state=online'))
    .map((line) => Number(/lag=(\d+)/.exec(line)?.[1] ?? 0));
  return { replicas: online.length, lagSeconds: online.length ? Math.max(...online) : null };
}

/** The replication of every primary the app writes to, its weakest one; never throws. */
export async function readReplication(ctx: StoreContext = appContext()): Promise<Replication> {
  try {
    const infos = await withTimeout(
      Promise.all(primaries(ctx).map((node) => node.info('replication'))),
      1000,
    );
    const all = infos.map(parseReplication);
    return {
      replicas: Math.min(...all.map((r) => r.replicas)),
      lagSeconds: all.some((r) => r.lagSeconds === null)
        ? null
        : Math.max(...all.map((r) => r.lagSeconds ?? 0)),
    };
  } catch {
    return { replicas: 0, lagSeconds: null };
  }
}

/** True when Redis answers PING within a second; never throws. */
export async function checkHealth(ctx: StoreContext = appContext()): Promise<boolean> {
  try {
    return (await withTimeout(ctx.store.ping(), 1000)) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * Whether the durability mode can be met now: always in `primary` mode; in `replica` mode only
 * with an online replica (each purchase still waits for it to confirm).
 */
export function durabilityMet(ctx: StoreContext, replication: Replication): boolean {
  return ctx.config.DURABILITY === 'primary' || replication.replicas >= 1;
}

/** What `GET /api/health` answers: whether Redis is up, and the body that says so; never throws. */
export async function healthReport(
  ctx: StoreContext = appContext(),
): Promise<{ up: boolean; body: HealthBody }> {
  const [up, replication] = await Promise.all([checkHealth(ctx), readReplication(ctx)]);
  const met = up && durabilityMet(ctx, replication);
  const durability = { mode: ctx.config.DURABILITY, met, ...replication };
  if (!up) return { up, body: { status: 'degraded', redis: 'down', durability } };
  return { up, body: { status: met ? 'ok' : 'degraded', redis: 'ok', durability } };
}
