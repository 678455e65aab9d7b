import { isIP } from 'node:net';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { appContext, type StoreContext } from '@/lib/redis/client';

/** The limits of docs/API.md: what is counted, and per what. */
export type LimitName =
  'login' | 'loginStrained' | 'loginAccount' | 'session' | 'purchase' | 'purchaseAddress';

/**
 * The limits counted per client address (their keys group IPv6 clients by /64); `purchase` is
 * counted per shopper session.
 */
const PER_ADDRESS: ReadonlySet<LimitName> = new Set([
  'login',
  'loginStrained',
  'session',
  'purchaseAddress',
]);

/** Each context's limiters: they hold its client and its settings. */
const limitersOf = new WeakMap<StoreContext, Map<LimitName, RateLimiterRedis>>();

/** Each limit's points and window (from the configuration) and its key prefix. */
function settings(
  { config: cfg, keys }: StoreContext,
  name: LimitName,
): { points: number; duration: number; keyPrefix: string } {
  const table = {
    login: [cfg.LOGIN_RATE_POINTS, cfg.LOGIN_RATE_WINDOW_S, keys.loginLimiter],
    loginStrained: [
      cfg.LOGIN_STRAINED_RATE_POINTS,
      cfg.LOGIN_RATE_WINDOW_S,
      keys.loginStrainedLimiter,
    ],
    loginAccount: [
      cfg.LOGIN_ACCOUNT_RATE_POINTS,
      cfg.LOGIN_RATE_WINDOW_S,
      keys.loginAccountLimiter,
    ],
    session: [cfg.SESSION_RATE_POINTS, cfg.SESSION_RATE_WINDOW_S, keys.sessionLimiter],
    purchase: [cfg.PURCHASE_RATE_POINTS, cfg.PURCHASE_RATE_WINDOW_S, keys.purchaseLimiter],
    purchaseAddress: [
      cfg.PURCHASE_ADDRESS_RATE_POINTS ?? 100 * cfg.PURCHASE_RATE_POINTS,
      cfg.PURCHASE_RATE_WINDOW_S,
      keys.purchaseAddressLimiter,
    ],
  } as const;
  const [points, duration, keyPrefix] = table[name];
  return { points, duration, keyPrefix };
}

function limiter(ctx: StoreContext, name: LimitName): RateLimiterRedis {
  const limiters = limitersOf.get(ctx) ?? new Map<LimitName, RateLimiterRedis>();
  limitersOf.set(ctx, limiters);
  let found = limiters.get(name);
  if (!found) {
    found = new RateLimiterRedis({ storeClient: ctx.store, ...settings(ctx, name) });
    limiters.set(name, found);
  }
  return found;
}

/**
 * Counts one request of `key` against limit `name` (shared by every instance through Redis, one
 * atomic increment: concurrent requests can never all pass). Returns 0 when it may go on, else the
 * seconds until the window frees a point. Throws only when the store fails.
 */
export async function consume(
  name: LimitName,
  key: string,
  ctx: StoreContext = appContext(),
): Promise<number> {
  try {
    await limiter(ctx, name).consume(limitKey(name, key));
    return 0;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  }
}

/** Gives back the point `consume` took (a successful login does not count against anyone). */
export async function refund(
  name: LimitName,
  key: string,
  ctx: StoreContext = appContext(),
): Promise<void> {
  await limiter(ctx, name).reward(limitKey(name, key), 1);
}

/**
 * The key an address is counted under: an IPv4 address as is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so counting single addresses would give it 2^64 allowances).
 */
export function addressKey(address: string): string {
  const plain = address.split('%', 1)[0]!;
  if (isIP(plain) !== 6 || plain.includes('.')) return address;
  const [head = '', tail = ''] = plain.toLowerCase().split('::', 2);
  const left = head ? head.split(':') : [];
  const right = plain.includes('::') && tail ? tail.split(':') : [];
  const groups = plain.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function limitKey(name: LimitName, key: string): string {
  return PER_ADDRESS.has(name) ? addressKey(key) : key;
}

/** The one account a login can be for; kept as a key so more accounts fit later. */
export const ADMIN_ACCOUNT = 'admin';
