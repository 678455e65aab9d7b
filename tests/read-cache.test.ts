import { describe, expect, it } from 'vitest';
import { createReadCache } from '@/lib/read-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('read cache', () => {
  it('shares one load among concurrent readers of a key, not across keys', async () => {
    const cache = createReadCache({ ttlMs: 1000 });
    let loads = 0;
    const load = async () => ++loads;
    const values = await Promise.all(Array.from({ length: 50 }, () => cache.read('a', load)));
    expect(values.every((v) => v === 1)).toBe(true);
    expect(await cache.read('b', load)).toBe(2);
    expect(cache.counts()).toMatchObject({ loads: 2, joined: 49 });
  });

  it('serves a value for its lifetime, then loads again', async () => {
    let now = 1000;
    const cache = createReadCache({ ttlMs: 250, now: () => now });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.read('k', load)).toBe(1);
    now += 249;
    expect(await cache.read('k', load)).toBe(1);
    now += 1;
    expect(await cache.read('k', load)).toBe(2);
  });

  it('with a lifetime of 0 shares only the load in flight', async () => {
    const cache = createReadCache({ ttlMs: 0 });
    let loads = 0;
    const load = async () => ++loads;
    await Promise.all([cache.read('k', load), cache.read('k', load)]);
    expect(await cache.read('k', load)).toBe(2);
  });

  it('never serves a load that started before an invalidation', async () => {
    const cache = createReadCache({ ttlMs: 60_000 });
    const old = deferred<string>();
    const stale = cache.read('k', () => old.promise);
    cache.invalidate();
    const fresh = cache.read('k', async () => 'new');
    old.resolve('old');
    expect(await stale).toBe('old');
    expect(await fresh).toBe('new');
    expect(await cache.read('k', async () => 'newer')).toBe('new');
  });

  it('does not keep a failed load', async () => {
    const cache = createReadCache({ ttlMs: 60_000 });
    const failing = deferred<string>();
    const first = cache.read('k', () => failing.promise);
    failing.reject(new Error('store down'));
    await expect(first).rejects.toThrow('store down');
    expect(await cache.read('k', async () => 'back')).toBe('back');
  });

  it('caches "nothing found" too, and starts over past its size bound', async () => {
    const cache = createReadCache({ ttlMs: 60_000, maxEntries: 2 });
    let loads = 0;
    const load = async () => (loads++, undefined);
    await cache.read('a', load);
    await cache.read('a', load);
    expect(loads).toBe(1);
    await cache.read('b', load);
    await cache.read('c', load);
    await cache.read('a', load);
    expect(loads).toBe(4);
  });
});
