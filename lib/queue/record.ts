import type { Config } from '@/lib/config';
import type { Segment } from './anchor';

/** A product's waiting room as stored in its `queue` hash; times are epoch ms. */
export type QueueRecord = {
  opensBeforeSeconds: number;
  ratePerSecond: number;
  admitWindowSeconds: number;
  powDifficulty: number;
  paused: boolean;
  /** The committed secret: never shown before `revealedAt`. */
  seed: string | null;
  /** sha256(seed) in hex, public from the moment the queue is switched on. */
  seedHash: string | null;
  /** When the pre-queue was ranked and the seed made public; null before. */
  revealedAt: number | null;
  /** Tickets taken before the start (known once revealed). */
  preCount: number;
  /** The admission segments (lib/queue/anchor.ts); empty before the reveal. */
  history: Segment[];
};

/** The settings an admin chooses; the rest is the queue's own state. */
export type QueueSettings = Pick<
  QueueRecord,
  'opensBeforeSeconds' | 'ratePerSecond' | 'admitWindowSeconds' | 'powDifficulty'
>;

/** The settings a new waiting room starts with (lib/config.ts). */
export function defaultSettings(cfg: Config): QueueSettings {
  return {
    opensBeforeSeconds: cfg.QUEUE_OPENS_BEFORE_S,
    ratePerSecond: cfg.QUEUE_RATE_PER_S,
    admitWindowSeconds: cfg.QUEUE_ADMIT_WINDOW_S,
    powDifficulty: cfg.QUEUE_POW_DIFFICULTY,
  };
}

function parseHistory(text: string | undefined): Segment[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.map((s: Segment) => ({
      base: Number(s.base),
      at: Number(s.at),
      rate: Number(s.rate),
      frozen: Boolean(s.frozen),
    }));
  } catch {
    return [];
  }
}

/** Reshapes a queue hash (HGETALL); missing settings take the defaults. */
export function parseQueue(cfg: Config, hash: Record<string, string>): QueueRecord {
  const defaults = defaultSettings(cfg);
  const num = (field: keyof QueueSettings) =>
    hash[field] === undefined ? defaults[field] : Number(hash[field]);
  return {
    opensBeforeSeconds: num('opensBeforeSeconds'),
    ratePerSecond: num('ratePerSecond'),
    admitWindowSeconds: num('admitWindowSeconds'),
    powDifficulty: num('powDifficulty'),
    paused: hash.paused === '1',
    seed: hash.seed ?? null,
    seedHash: hash.seedHash ?? null,
    revealedAt: hash.revealedAt ? Number(hash.revealedAt) : null,
    preCount: Number(hash.preCount ?? 0),
    history: parseHistory(hash.history),
  };
}

/** The product fields the waiting room reads with its own (HMGET order). */
export const PRODUCT_FIELDS = ['name', 'queue', 'startsAt', 'endsAt', 'stock', 'held'] as const;

/** What the waiting room needs of its product. */
export type QueueProduct = {
  queue: boolean;
  startsAt: number;
  endsAt: number | null;
  stock: number;
  /** Units in live holds (0 where the product has no such field). */
  held: number;
};

/** Reshapes the HMGET of PRODUCT_FIELDS; undefined when the product does not exist. */
export function parseQueueProduct(values: (string | null)[]): QueueProduct | undefined {
  const [name, queue, startsAt, endsAt, stock, held] = values;
  if (name === null || name === undefined) return undefined;
  return {
    queue: queue === '1',
    startsAt: Number(startsAt ?? 0),
    endsAt: endsAt ? Number(endsAt) : null,
    stock: Number(stock ?? 0),
    held: Number(held ?? 0),
  };
}

/** Nothing left to buy or hold: the waiting room stops admitting and says so. */
export function nothingLeft(product: QueueProduct): boolean {
  return product.stock <= 0 && product.held <= 0;
}
