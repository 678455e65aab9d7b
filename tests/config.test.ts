import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';

const base = { ADMIN_PASSWORD: 'long-enough', SESSION_SECRET: 'x'.repeat(32) };

describe('parseConfig', () => {
  it('fills sensible defaults', () => {
    const cfg = parseConfig(base);
    expect(cfg.REDIS_PREFIX).toBe('sr:');
    expect(cfg.PURCHASE_MODE).toBe('coalesce');
    expect(cfg.PORT).toBe(3000);
    expect(cfg.TX_COMMAND_TIMEOUT_MS).toBe(3000);
  });

  it.each([
    [{ ...base, PORT: 'abc' }, /^PORT is invalid/],
    [{ ...base, REDIS_URL: 'not a url' }, /^REDIS_URL is invalid/],
    [{ ...base, REDIS_PREFIX: 'has space' }, /^REDIS_PREFIX is invalid/],
    [{ SESSION_SECRET: 'x'.repeat(32) }, /^ADMIN_PASSWORD is required/],
    [{ ...base, SESSION_SECRET: 'short' }, /^SESSION_SECRET is invalid \(at least 32/],
    [{ ...base, PURCHASE_MODE: 'fast' }, /^PURCHASE_MODE is invalid/],
    [{ ...base, TX_COMMAND_TIMEOUT_MS: '10' }, /^TX_COMMAND_TIMEOUT_MS is invalid/],
    [
      { ...base, REPLICA_WAIT_MS: '500', TX_COMMAND_TIMEOUT_MS: '500' },
      /^REPLICA_WAIT_MS is invalid \(below TX_COMMAND_TIMEOUT_MS/,
    ],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
