import { PER_SECOND_WINDOW_S, type Stats, type StatsSecond } from '@/lib/api-types';
import { appContext, type StoreContext } from '@/lib/redis/client';

const FIELDS = [
  'requests',
  'purchased',
  'soldOut',
  'limitReached',
  'contention',
  'conflicts',
  'unitsSold',
] as const;

/** Totals since the last reset across all instances, and the last minute second by second. */
export async function readStats(
  ctx: StoreContext = appContext(),
  now = Date.now(),
): Promise<Stats> {
  const { store, keys } = ctx;
  const last = Math.floor(now / 1000) - 1;
  const seconds = Array.from(
    { length: PER_SECOND_WINDOW_S },
    (_, i) => last - PER_SECOND_WINDOW_S + 1 + i,
  );
  const minutes = [...new Set(seconds.map((s) => Math.floor(s / 60)))];
  const [totals, ...perMinute] = await Promise.all([
    store.hmget(keys.stats, ...FIELDS),
    ...minutes.map((m) => store.hgetall(keys.series(m))),
  ]);
  const series = Object.assign({}, ...perMinute) as Record<string, string>;
  const perSecond: StatsSecond[] = seconds.map((s) => ({
    t: new Date(s * 1000).toISOString(),
    purchased: Number(series[`p:${s}`] ?? 0),
    conflicts: Number(series[`c:${s}`] ?? 0),
  }));
  const stats = Object.fromEntries(FIELDS.map((f, i) => [f, Number(totals[i] ?? 0)])) as Omit<
    Stats,
    'perSecond'
  >;
  return { ...stats, perSecond };
}
