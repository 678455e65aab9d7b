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
    /**
     * String: the units left in one of the product's stock buckets (0 ≤ index < its `buckets`);
     * the buckets add up to the product hash's `stock`.
     */
    bucket: (sku: string, index: number) => `${tag(sku)}:stock:${index}`,
    /** String: units one shopper has bought of the product (a key each, so WATCH is per shopper). */
    buyer: (sku: string, shopperId: string) => `${tag(sku)}:buyer:${shopperId}`,
    /**
     * Set with TTL: the SKUs one shopper has bought or held, so `/api/me` reads those alone; a
     * slot per shopper (lib/shopper/products.ts).
     */
    shopperProducts: (shopperId: string) => `${prefix}{shopper:${shopperId}}:products`,
    /** Hash: the product's image — `type`, `etag` and the raw `bytes`. */
    image: (sku: string) => `${tag(sku)}:image`,
    /**
     * Counter: the version of the product's terms (name, price, limit, window, mode, buckets,
     * existence). Every admin write raises it inside its MULTI and every sale WATCHes it, so no
     * sale commits against terms that changed after it read them. Sales never write it.
     */
    terms: (sku: string) => `${tag(sku)}:terms`,
    /** Hash: orderId → JSON order (shopper, quantity, priceCents, at). */
    orders: (sku: string) => `${tag(sku)}:orders`,
    /** String with TTL: the stored response of a purchased Idempotency-Key. */
    idempotency: (sku: string, shopperId: string, key: string) =>
      `${tag(sku)}:idem:${shopperId}:${key}`,
    /**
     * String (JSON): one hold — shopper, quantity, priceCents, state, times, orderId, endedBy. No
     * TTL while held; kept HOLD_RECORD_TTL_S after it ends so late callers read what happened.
     */
    hold: (sku: string, id: string) => `${tag(sku)}:hold:${id}`,
    /** Sorted set: id of every live (held) hold → its expiresAt (ms); the sweepers read it. */
    holdsDue: (sku: string) => `${tag(sku)}:holds-due`,
    /**
     * Sorted set, one for the store (a slot of its own): SKU of every product with live holds →
     * a time at or before its earliest expiry, so the sweepers visit only those (lib/holds/due-index.ts).
     */
    dueProducts: `${prefix}{holds}:due`,
    /**
     * Sorted set: one shopper's hold ids → expiresAt while held, endedAt once ended (so /api/me
     * lists the live ones and the recently ended ones by score).
     */
    shopperHolds: (sku: string, shopperId: string) => `${tag(sku)}:holds:${shopperId}`,
    /**
     * String: `cancelled` once an order is refunded. The refund of that order WATCHes it (not the
     * `orders` hash, which every sale writes), so two refunds of one order decide once.
     */
    orderState: (sku: string, orderId: string) => `${tag(sku)}:order:${orderId}`,
    /** Hash: orderId → JSON `{ quantity, at }` of every refunded order (the audit and admin list). */
    refunds: (sku: string) => `${tag(sku)}:refunds`,
    /** String with TTL: set by one admin write's MULTI, so a lost EXEC reply can be resolved. */
    writeToken: (sku: string, id: string) => `${tag(sku)}:write:${id}`,
    /**
     * String with TTL: the lease of instance number `n`, holding its holder's token (one hash tag,
     * so every lease is counted in one command on Cluster too).
     */
    instanceLease: (n: number) => `${prefix}{instances}:${n}`,
    /** Set of every SKU. */
    catalogue: `${prefix}catalogue`,
    /** Set of archived SKUs: out of the catalogue, their product hash and orders kept. */
    archived: `${prefix}archived`,
    /** List of JSON entries, newest first, trimmed to LOG_CAP: the conflict/retry log. */
    log: `${prefix}log`,
    /**
     * Hash: app instance id → JSON `{ at, metrics }`, each instance's Prometheus metrics as last
     * published, which `/api/metrics` adds up. Kept by a reset (they count since each start).
     */
    metrics: `${prefix}metrics:instances`,
    /** Hash of counters since the last reset. */
    stats: `${prefix}stats`,
    /** Hash per minute with TTL: `p:<second>` purchases and `c:<second>` conflicts. */
    series: (minute: number) => `${prefix}series:${minute}`,
    /** Set once the demo catalogue has been loaded. */
    seeded: `${prefix}seeded`,
    /** Pub/sub channel: a SKU whose stock changed (restock, upsert). */
    stockEvents: `${prefix}events:stock`,
    /** Pub/sub channel: a SKU whose waiting room changed (switch, settings, pause, reveal, freeze). */
    queueEvents: `${prefix}events:queue`,
    /** Key prefix of the login rate limiter (per client address). */
    loginLimiter: `${prefix}rl:login`,
    /** Rate limiter: login attempts per address while the account-wide allowance is spent. */
    loginStrainedLimiter: `${prefix}rl:login-strained`,
    /** Key prefix of the login rate limiter per account (every address together). */
    loginAccountLimiter: `${prefix}rl:login-account`,
    /** Key prefix of the new-session rate limiter (per client address). */
    sessionLimiter: `${prefix}rl:session`,
    /** Key prefix of the purchase rate limiter (per shopper session). */
    purchaseLimiter: `${prefix}rl:purchase`,
    /** Key prefix of the purchase ceiling per client address (every session behind it together). */
    purchaseAddressLimiter: `${prefix}rl:purchase-address`,
    /** Prefix of every admin key (sessions): a reset of the demo keeps them. */
    adminKeys: `${prefix}{admin}:`,
    /**
     * String with TTL: one admin session's record, `<epoch>.<password fingerprint>`; it counts only
     * while both match the current ones (lib/auth/admin-session.ts).
     */
    adminSession: (id: string) => `${prefix}{admin}:session:${id}`,
    /** Sorted set: admin session id → expiry (ms), so "log out everywhere" finds them all. */
    adminSessions: `${prefix}{admin}:sessions`,
    /** Counter, no TTL: "log out everywhere" bumps it, which ends every session started before. */
    adminEpoch: `${prefix}{admin}:epoch`,
    /** List per product of JSON log entries, newest first, trimmed to LOG_CAP: a filtered read. */
    productLog: (sku: string) => `${tag(sku)}:log`,
    /**
     * Hash: a product's waiting room — settings (opensBeforeSeconds, ratePerSecond,
     * admitWindowSeconds, powDifficulty, paused), the committed `seed` (secret until revealedAt)
     * and its `seedHash`, `revealedAt`, `preCount` and the admission `history` (JSON segments).
     */
    queue: (sku: string) => `${tag(sku)}:queue`,
    /**
     * Hash with TTL: one shopper's ticket for the product — id, joinedAt, q (the seedHash of the
     * waiting room it is for), rank (after the start; pre-start tickets find theirs in
     * `queueRanks`), admittedAt once their turn came.
     */
    queueTicket: (sku: string, shopperId: string) => `${tag(sku)}:queue:ticket:${shopperId}`,
    /** List: ids of the tickets taken before the start, in arrival order (published at the start). */
    queuePre: (sku: string) => `${tag(sku)}:queue:pre`,
    /** Hash: pre-start ticket id → rank, written once by the reveal. */
    queueRanks: (sku: string) => `${tag(sku)}:queue:ranks`,
    /** Counter: ranks given so far (the pre-start tickets at the reveal, then one per arrival). */
    queueTail: (sku: string) => `${tag(sku)}:queue:tail`,
    /** Glob matching every key of this prefix (reset); the prefix's own glob characters escaped. */
    everything: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`,
  };
}
