// The store's error classes are told apart by a brand every copy of their module shares: a Next
// build loads lib/redis/errors.ts once for the instrumentation hook and once for the routes, and
// the store context made by the first raises its own copy's errors. A route must still answer 503.
import { describe, expect, it, vi } from 'vitest';
import { handle } from '@/lib/http/handler';
import * as here from '@/lib/redis/errors';

async function otherCopy(): Promise<typeof here> {
  vi.resetModules();
  return import('@/lib/redis/errors');
}

describe('store errors from another copy of their module', () => {
  it('are instances of this copy’s classes, subclasses included, and nothing else', async () => {
    const other = await otherCopy();
    expect(other.StoreUnavailableError).not.toBe(here.StoreUnavailableError);
    const unavailable = new other.StoreUnavailableError();
    const unknown = new other.StoreOutcomeUnknownError();
    expect(unavailable).toBeInstanceOf(here.StoreUnavailableError);
    expect(unknown).toBeInstanceOf(here.StoreUnavailableError);
    expect(unknown).toBeInstanceOf(here.StoreOutcomeUnknownError);
    expect(unavailable).not.toBeInstanceOf(here.StoreOutcomeUnknownError);
    expect(new other.StoreContentionError()).toBeInstanceOf(here.StoreContentionError);
    expect(new other.StoreCommandError('x')).not.toBeInstanceOf(here.StoreUnavailableError);
    expect(new Error('plain')).not.toBeInstanceOf(here.StoreUnavailableError);
    expect(unavailable).toBeInstanceOf(Error);
  });

  it('are answered 503 by a route, not 500', async () => {
    const other = await otherCopy();
    const route = handle(async (request: Request): Promise<Response> => {
      throw new other.StoreUnavailableError(`the store is away (${request.method})`);
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await route(new Request('http://localhost/api/x'));
    errors.mockRestore();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'redis_unavailable' } });
  });
});
