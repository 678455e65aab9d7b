import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '@/lib/config';
import { shared } from '@/lib/redis/client';

let limiter: RateLimiterRedis | undefined;

function loginLimiter(): RateLimiterRedis {
  const cfg = config();
  const { store, keys } = shared();
  limiter ??= new RateLimiterRedis({
    storeClient: store,
    keyPrefix: keys.loginLimiter,
    points: cfg.LOGIN_RATE_POINTS,
    duration: cfg.LOGIN_RATE_WINDOW_S,
  });
  return limiter;
}

const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * Seconds `ip` must wait before trying to log in again: its LOGIN_RATE_POINTS failed attempts per
 * LOGIN_RATE_WINDOW_S are spent (across all instances); 0 when it may try.
 */
export async function loginWaitSeconds(ip: string): Promise<number> {
  const used = await loginLimiter().get(ip);
  return used && used.consumedPoints >= config().LOGIN_RATE_POINTS ? secondsOf(used) : 0;
}

/** Counts one failed login of `ip`; successful logins are not counted. */
export async function recordFailedLogin(ip: string): Promise<void> {
  try {
    await loginLimiter().consume(ip);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  }
}
