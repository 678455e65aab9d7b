/** The store could not be reached or answered with a failure: routes map it to 503 `redis_unavailable`. */
export class StoreUnavailableError extends Error {
  constructor(message = 'the store cannot be reached', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
