import { describe, expect, it } from 'vitest';
import { readLog } from '@/lib/activity/read-log';
import { buyAtOnce, createProduct } from './support/store';
import { configureApp } from './support/app-config';

configureApp({ LOG_CAP: '100' });

describe('the conflict/retry log', () => {
  it('is capped: the oldest entries are dropped', async () => {
    const sku = await createProduct(1000);
    await buyAtOnce(sku, 150);
    const entries = await readLog(500);
    expect(entries).toHaveLength(100);
    expect(new Set(entries.map((e) => e.id)).size).toBe(100);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
