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

/**
 * Counts one login attempt from `ip` across all instances; returns the seconds to wait when the
 * budget of LOGIN_RATE_POINTS per LOGIN_RATE_WINDOW_S is spent, else 0.
 */
export async function consumeLoginAttempt(ip: string): Promise<number> {
  try {
    await loginLimiter().consume(ip);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
