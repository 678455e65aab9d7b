/**
 * Every Redis key name of Stockrush is built here. All keys of one product share the hash tag
 * `{sku}`, so one watched transaction touches one slot and runs unchanged on Redis Cluster.
 */
export type Keys = ReturnType<typeof keysFor>;

export function keysFor(prefix: string) {
  const tag = (sku: string) => `${prefix}{${sku}}`;
  return {
    prefix,
    /** Hash: name, priceCents, limitPerShopper, startsAt, endsAt, stock, sold, totalStock. */
    product: (sku: string) => `${tag(sku)}:product`,
    /** Hash: shopperId → units bought. */
    buyers: (sku: string) => `${tag(sku)}:buyers`,
    /** Hash: orderId → JSON order. */
    orders: (sku: string) => `${tag(sku)}:orders`,
    /** String with TTL: the stored response of a purchased Idempotency-Key. */
    idempotency: (sku: string, shopperId: string, key: string) =>
      `${tag(sku)}:idem:${shopperId}:${key}`,
    /** Set of every SKU. */
    catalogue: `${prefix}catalogue`,
    /** List of JSON entries, newest first, trimmed to LOG_CAP: the conflict/retry log. */
    log: `${prefix}log`,
    /** Hash of counters since the last reset. */
    stats: `${prefix}stats`,
    /** Hash per minute with TTL: `p:<second>` purchases and `c:<second>` conflicts. */
    series: (minute: number) => `${prefix}series:${minute}`,
    /** Set once the demo catalogue has been loaded. */
    seeded: `${prefix}seeded`,
    /** Pub/sub channel: a SKU whose stock changed (restock, upsert). */
    stockEvents: `${prefix}events:stock`,
    /** Key prefix of the login rate limiter. */
    loginLimiter: `${prefix}rl:login`,
    /** Glob matching every key of this prefix (reset). */
    everything: `${prefix}*`,
  };
}
