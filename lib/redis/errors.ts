import { ReplyError as IoredisReplyError } from 'ioredis';

/** ioredis exports the class of error replies untyped. */
const ReplyError = IoredisReplyError as new (message?: string) => Error;

/**
 * A bundler may load this module more than once in one process — Next's build gives the
 * instrumentation hook and the routes copies of their own — while the one store context (made by
 * whichever ran first, kept on globalThis) raises the errors of its own copy. So `instanceof` of
 * these classes goes by a brand that every copy shares (`Symbol.for`), not by the class object:
 * otherwise a route would answer 500 for the context's StoreUnavailableError instead of 503.
 */
const BRAND = Symbol.for('stockrush.store-error');

/** True when `value`'s prototype chain carries `brand` (a class of this module, in any copy). */
function hasBrand(value: unknown, brand: string): boolean {
  for (let p: unknown = value; p !== null && typeof p === 'object'; p = Object.getPrototypeOf(p)) {
    if (
      Object.prototype.hasOwnProperty.call(p, BRAND) &&
      (p as Record<symbol, unknown>)[BRAND] === brand
    ) {
      return true;
    }
  }
  return false;
}

/** Marks a class's instances with `brand` (on its prototype, so subclasses carry their parents'). */
function brand(cls: { prototype: object }, name: string): void {
  Object.defineProperty(cls.prototype, BRAND, { value: name });
}

/**
 * The three ways the store layer fails, as classes the HTTP layer maps without looking at messages:
 * the store is out of reach (503 `redis_unavailable`), every try lost its race (503 `contention`),
 * or a command was wrong for the data (a bug: 500, logged).
 */
export class StoreUnavailableError extends Error {
  constructor(message = 'the store cannot be reached', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'StoreUnavailableError');
  }
}
brand(StoreUnavailableError, 'StoreUnavailableError');

/**
 * A write was sent but whether it committed cannot be told now (its reply was lost and its token
 * could not be read, or no replica confirmed it): a 503 like the store being away, but one that
 * says how to learn the outcome (repeat with the same Idempotency-Key, or look before retrying).
 */
export class StoreOutcomeUnknownError extends StoreUnavailableError {
  constructor(message = 'the outcome of a write is unknown', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOutcomeUnknownError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'StoreOutcomeUnknownError');
  }
}
brand(StoreOutcomeUnknownError, 'StoreOutcomeUnknownError');

/** No transaction connection became free in time, or a write lost every race: try again later. */
export class StoreContentionError extends Error {
  constructor(message = 'the store is busy', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreContentionError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'StoreContentionError');
  }
}
brand(StoreContentionError, 'StoreContentionError');

/** Redis refused a command (WRONGTYPE, a bad argument…): the code or the data is wrong. */
export class StoreCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreCommandError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'StoreCommandError');
  }
}
brand(StoreCommandError, 'StoreCommandError');

/**
 * Error replies that mean "not now" rather than "wrong": a loading, read-only, failing-over or
 * busy server. Redis puts the code first in the message.
 */
const TRANSIENT_REPLIES = new Set([
  'LOADING',
  'READONLY',
  'MASTERDOWN',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'BUSY',
  'NOREPLICAS',
  'MOVED',
  'ASK',
]);

/** True for the store layer's own error classes. */
export function isStoreError(error: unknown): boolean {
  return (
    error instanceof StoreUnavailableError ||
    error instanceof StoreContentionError ||
    error instanceof StoreCommandError
  );
}

/**
 * The store layer's class for an error that an ioredis call raised: a reply error is a command
 * error unless its code is transient; everything else ioredis raises (closed connection, timeout,
 * retries exhausted, no cluster node) means the store is out of reach. Typed errors pass through.
 */
export function toStoreError(error: unknown): Error {
  if (isStoreError(error)) return error as Error;
  if (error instanceof ReplyError) {
    const code = error.message.split(' ', 1)[0] ?? '';
    return TRANSIENT_REPLIES.has(code)
      ? new StoreUnavailableError(`the store refused for now (${code})`, { cause: error })
      : new StoreCommandError(error.message, { cause: error });
  }
  return new StoreUnavailableError(undefined, { cause: error });
}

/**
 * For the HTTP layer: an error as the store layer classes it. A reply error that escaped (from a
 * pipeline's per-command replies) gets its class; any other error is returned as it is (a bug).
 */
export function classifyError(error: unknown): unknown {
  return error instanceof ReplyError ? toStoreError(error) : error;
}
