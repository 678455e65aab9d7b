import {
  classifyError,
  StoreCommandError,
  StoreContentionError,
  StoreOutcomeUnknownError,
  StoreUnavailableError,
} from '@/lib/redis/errors';
import { errorJson } from './responses';

/**
 * A refusal to send at once (bad body, no session, wrong origin…), thrown by checks deep in a
 * handler and answered with its response.
 */
export class RefusalError extends Error {
  constructor(readonly response: Response) {
    super('request refused');
  }
}

const RETRY_SOON = { headers: { 'retry-after': '1' } };

/** The answer for an error that is not a RefusalError; 5xx only, never a stack or key name. */
function failureResponse(error: unknown): Response {
  if (error instanceof StoreOutcomeUnknownError) {
    return errorJson(
      503,
      'redis_unavailable',
      'Whether this went through is not known yet; repeat it with the same Idempotency-Key to learn the outcome.',
      RETRY_SOON,
    );
  }
  if (error instanceof StoreUnavailableError) {
    return errorJson(
      503,
      'redis_unavailable',
      'The store cannot be reached; try again shortly.',
      RETRY_SOON,
    );
  }
  if (error instanceof StoreContentionError) {
    return errorJson(
      503,
      'contention',
      'The store is busy with this product; try again shortly.',
      RETRY_SOON,
    );
  }
  return errorJson(500, 'internal_error', 'Something went wrong.');
}

/** One log line per 5xx: what was asked, the error's class and message, and its causes. */
function logFailure(request: unknown, error: unknown, status: number): void {
  const causes: string[] = [];
  for (let e: unknown = error; e instanceof Error && causes.length < 4; e = e.cause) {
    causes.push(`${e.name}: ${e.message}`);
  }
  const where =
    request instanceof Request ? `${request.method} ${new URL(request.url).pathname}` : '?';
  const line = {
    level: 'error',
    status,
    route: where,
    error: causes.join(' <- ') || String(error),
  };
  console.error(JSON.stringify(line));
  // A bug deserves its stack in the server's log (never in the answer).
  if (!(error instanceof StoreUnavailableError || error instanceof StoreContentionError)) {
    console.error(error instanceof StoreCommandError ? error.cause : error);
  }
}

/**
 * Wraps a route handler: a RefusalError becomes its response; the store layer's errors map by class
 * (unreachable → 503 `redis_unavailable`, busy → 503 `contention`, a refused command → 500), and
 * anything else is a bare 500. Every 5xx is logged.
 */
export function handle<A extends unknown[]>(
  fn: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (thrown) {
      if (thrown instanceof RefusalError) return thrown.response;
      const error = classifyError(thrown);
      const response = failureResponse(error);
      logFailure(args[0], error, response.status);
      return response;
    }
  };
}
