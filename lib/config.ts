import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** A configuration value that is present but wrong; its message names the variable. */
export class ConfigError extends Error {}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  /** Where the store lives. Unset means the project-local Redis started by `npm start`. */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6380'),
  /** Comma-separated `host:port` seeds: when set, the app talks to Redis Cluster instead. */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[^,:]+:\d+(,[^,:]+:\d+)*$/, 'host:port[,host:port…]')
    .optional(),
  /** Every key starts with this, so several apps or test runs can share one server. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,32}$/, '1-32 of A-Za-z0-9_:.-')
    .default('sr:'),
  ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters'),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters'),
  PORT: int(1, 65535).default(3000),
  /** `coalesce` grants the queued buyers of one product together; `plain` runs one transaction per request. */
  PURCHASE_MODE: z.enum(['coalesce', 'plain']).default('coalesce'),
  /** Bounded retries: past this many aborted EXECs a request answers `contention` rather than wait forever. */
  PURCHASE_MAX_ATTEMPTS: int(1, 1000).default(50),
  /** First backoff after a conflict; doubles per attempt with full jitter, so racing clients spread out. */
  PURCHASE_BACKOFF_BASE_MS: z.coerce.number().min(0).max(1000).default(1),
  /** Cap of one backoff: keeps a long losing streak from stalling a buyer for seconds. */
  PURCHASE_BACKOFF_MAX_MS: z.coerce.number().min(0).max(10_000).default(50),
  /**
   * Stock buckets of a product created without a count of its own. Unset: one per live instance
   * (at least one), so instances selling one hot product each sell from a bucket of their own.
   */
  STOCK_BUCKETS: int(1, 16).optional(),
  /**
   * How long an instance's number stays its own without renewal (renewed every third of it,
   * given back on stop): a crashed instance's number is free again after this.
   */
  INSTANCE_LEASE_MS: int(300, 600_000).default(10_000),
  /**
   * `primary`: a purchase is confirmed once the primary has it (a failover can lose the last
   * second). `replica`: confirmed only once a replica has it too (WAIT), else 503.
   */
  DURABILITY: z.enum(['primary', 'replica']).default('primary'),
  /** How long a write waits for a replica in `replica` mode before it answers 503. */
  REPLICA_WAIT_MS: int(1, 10_000).default(50),
  /** Store failures (lost connections, errors at EXEC) one watched transaction rides out before 503. */
  STORE_ERROR_RETRIES: int(0, 100).default(4),
  /** Tries of an admin write (restock, edit) on a product that buyers keep changing, before 503. */
  ADMIN_WRITE_MAX_ATTEMPTS: int(1, 10_000).default(100),
  /** Cap of an admin write's backoff: short, so a restock lands between a crowd's batches. */
  ADMIN_WRITE_BACKOFF_MAX_MS: z.coerce.number().min(0).max(10_000).default(20),
  /** Transaction connections per Redis node and instance: WATCH needs one per in-flight transaction. */
  TX_POOL_SIZE: int(1, 1024).default(64),
  /** How long a purchase waits for a transaction connection before answering 503. */
  TX_ACQUIRE_TIMEOUT_MS: int(1, 60_000).default(2000),
  /**
   * How long a transaction connection waits for a reply (EXEC included) on either topology: a hung
   * EXEC then holds its product's admission lane this long, not until TCP gives up.
   */
  TX_COMMAND_TIMEOUT_MS: int(100, 60_000).default(3000),
  /**
   * Watched transactions per product in flight at once in one instance (coalesce mode). One: two
   * batches of one product in one instance would only abort each other; the queue coalesces instead.
   */
  ADMISSION_IN_FLIGHT: int(1, 64).default(1),
  /** Requests one coalesced transaction grants at most: bounds the size of one MULTI. */
  ADMISSION_BATCH_MAX: int(1, 10_000).default(256),
  /** Waiting buyers per product and instance; past it a request answers `contention` at once. */
  ADMISSION_QUEUE_MAX: int(1, 1_000_000).default(10_000),
  /** How long an instance trusts its own "sold out" before asking Redis again; restocks clear it at once. */
  SOLD_OUT_CACHE_MS: int(0, 60_000).default(1000),
  /** s-maxage of the public reads: how long nginx or a CDN may answer a poll without the app. */
  POLL_CACHE_S: int(0, 60).default(1),
  /** stale-while-revalidate of the public reads: a shared cache answers from the last copy while it refetches. */
  POLL_STALE_S: int(0, 600).default(3),
  /**
   * How long an instance answers identical public reads from memory (0: never). Short, because
   * only stock events (restock, edit, sale) refresh it at once; the log and stats follow at this pace.
   */
  READ_CACHE_MS: int(0, 60_000).default(250),
  /** How long a stopping instance lets requests in flight finish before it exits anyway (Ctrl-C, SIGTERM). */
  SHUTDOWN_GRACE_MS: int(0, 60_000).default(1000),
  /**
   * How often every instance sweeps the holds that are due: a unit comes back on sale at most
   * about this long after its hold expires (plus the sweep's own transaction).
   */
  HOLD_SWEEP_MS: int(10, 10_000).default(200),
  /**
   * Products one sweep visits at most (the due index's soonest): bounds a tick's work whatever the
   * catalogue; the rest are visited by the next ticks.
   */
  HOLD_SWEEP_PRODUCTS: int(1, 10_000).default(100),
  /**
   * How long a shopper's own index of products (what /api/me reads) lives after their last
   * purchase or hold: past any sale they took part in, never for ever.
   */
  SHOPPER_KEYS_TTL_S: int(1, 365 * 24 * 3600).default(7 * 24 * 3600),
  /** Holds one expiry transaction ends at most: bounds its WATCH list and its MULTI. */
  HOLD_SWEEP_CHUNK: int(1, 200).default(200),
  /** How long an ended hold's record is kept, so a late Place order or Cancel reads what happened. */
  HOLD_RECORD_TTL_S: int(60, 30 * 24 * 3600).default(24 * 3600),
  /** A held hold past its expiry by more than this is "stuck" in the audit (the sweep is late). */
  HOLD_STUCK_GRACE_MS: int(0, 600_000).default(1000),
  /** A new waiting room opens this long before its sale starts (its pre-queue is shuffled at the start). */
  QUEUE_OPENS_BEFORE_S: int(0, 30 * 24 * 3600).default(600),
  /** Shoppers a new waiting room admits per second: a steady flow the store can serve. */
  QUEUE_RATE_PER_S: z.coerce.number().min(0.001).max(1000).default(5),
  /** How long an admitted shopper may buy; then the turn passes (Cloudflare keeps a place 5 min). */
  QUEUE_ADMIT_WINDOW_S: int(10, 24 * 3600).default(300),
  /** Proof-of-work bits a new waiting room asks of a join (0: none): off unless bots show up. */
  QUEUE_POW_DIFFICULTY: int(0, 24).default(0),
  /** How long a ticket is kept after it was taken: past any sale, so a shopper keeps their place. */
  QUEUE_TICKET_TTL_S: int(3600, 90 * 24 * 3600).default(7 * 24 * 3600),
  /** Entries the shared conflict/retry log keeps (oldest dropped). */
  LOG_CAP: int(100, 1_000_000).default(10_000),
  /** Lifetime of an idempotency record: long enough for a client's retries, short enough to expire. */
  IDEMPOTENCY_TTL_S: int(60, 30 * 24 * 3600).default(24 * 3600),
  /** Admin login attempts per client address and window before 429 (counted before the password). */
  LOGIN_RATE_POINTS: int(1, 100_000).default(10),
  LOGIN_RATE_WINDOW_S: int(1, 86_400).default(60),
  /**
   * Login attempts on the admin account from all addresses per window. Once spent, logins are
   * not refused outright (that would lock the admin out): each address gets only
   * LOGIN_STRAINED_RATE_POINTS attempts per window instead of LOGIN_RATE_POINTS.
   */
  LOGIN_ACCOUNT_RATE_POINTS: int(1, 1_000_000).default(100),
  /** Login attempts per address and window while the account's allowance is spent. */
  LOGIN_STRAINED_RATE_POINTS: int(1, 100_000).default(1),
  /** New shopper sessions per client address and window: one per device is enough for a shopper. */
  SESSION_RATE_POINTS: int(1, 1_000_000).default(20),
  SESSION_RATE_WINDOW_S: int(1, 86_400).default(60),
  /** Purchase requests per shopper session and window: a person clicks a few times, a script far more. */
  PURCHASE_RATE_POINTS: int(1, 10_000_000).default(30),
  PURCHASE_RATE_WINDOW_S: int(1, 86_400).default(10),
  /**
   * Purchase requests per client address and the same window, every session behind it together: a
   * ceiling for a crowd behind one NAT, not a limit on a shopper. Unset: 100 × PURCHASE_RATE_POINTS.
   */
  PURCHASE_ADDRESS_RATE_POINTS: int(1, 1_000_000_000).optional(),
  /** Lifetime of an admin session record in Redis; logout or expiry ends it at once. */
  ADMIN_SESSION_TTL_S: int(1, 7 * 24 * 3600).default(8 * 3600),
  /**
   * Whose `X-Forwarded-*` headers to believe: `false` (nobody: the socket's address counts),
   * `loopback` (a proxy on this machine, e.g. the nginx front), or a comma-separated address list.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(false|loopback|[0-9a-fA-F.:]+(,[0-9a-fA-F.:]+)*)$/, 'false, loopback or addresses')
    .default('false'),
  /** The site's own origin (scheme://host[:port]) for the Origin check; unset: the request's own. */
  APP_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'scheme://host[:port], no path')
    .optional(),
  /** Bearer token for `/api/metrics`; unset: metrics answer loopback clients only. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** `Secure` cookies: auto follows the request's protocol (http on localhost works). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
});

// WAIT runs on the transaction connection: it must end before the connection's own timeout.
const configSchema = envSchema.refine((c) => c.REPLICA_WAIT_MS < c.TX_COMMAND_TIMEOUT_MS, {
  path: ['REPLICA_WAIT_MS'],
  message: 'below TX_COMMAND_TIMEOUT_MS',
});

export type Config = z.infer<typeof envSchema>;

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  const value = env[name];
  const what =
    value === undefined ? 'is required' : `is invalid (${issue?.message ?? 'bad value'})`;
  throw new ConfigError(`${name} ${what}`);
}

/** Where `npm start` keeps the generated admin password and session secret for local use. */
export const LOCAL_SECRETS_FILE = join('.data', 'secrets.json');

function localSecrets(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(
      readFileSync(join(process.cwd(), LOCAL_SECRETS_FILE), 'utf8'),
    );
    return z.record(z.string(), z.string()).parse(parsed);
  } catch {
    return {};
  }
}

let cached: Config | undefined;

/** The validated configuration, read once from the environment (then the local secrets file). */
export function config(): Config {
  cached ??= parseConfig({ ...localSecrets(), ...process.env });
  return cached;
}
