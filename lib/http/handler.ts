import { PoolBusyError } from '@/lib/redis/tx-pool';
import { StoreUnavailableError } from '@/lib/redis/errors';
import { errorJson } from './responses';

/** A response to send at once: thrown by checks deep in a handler (bad body, no session). */
export class HttpError extends Error {
  constructor(readonly response: Response) {
    super('http error');
  }
}

function isStoreFailure(error: unknown): boolean {
  if (error instanceof StoreUnavailableError || error instanceof PoolBusyError) return true;
  // ioredis reports an unreachable or failing store with these error classes and messages.
  const name = error instanceof Error ? error.name : '';
  return (
    /Redis|MaxRetries|Connection|Timeout|AbortError|ReplyError|ClusterAllFailed/.test(name) ||
    (error instanceof Error &&
      /ECONNREFUSED|ECONNRESET|Connection is closed|Stream isn't writeable|timed out/i.test(
        error.message,
      ))
  );
}

/**
 * Wraps a route handler: an HttpError becomes its response, a store failure a 503
 * `redis_unavailable` with Retry-After, anything else a bare 500 (no stack, no key names).
 */
export function handle<A extends unknown[]>(
  fn: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (error instanceof HttpError) return error.response;
      if (isStoreFailure(error)) {
        return errorJson(
          503,
          'redis_unavailable',
          'The store cannot be reached; try again shortly.',
          {
            headers: { 'retry-after': '1' },
          },
        );
      }
      console.error('unexpected error in route handler', error);
      return errorJson(500, 'internal_error', 'Something went wrong.');
    }
  };
}
