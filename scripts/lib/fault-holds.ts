// The holds side of `npm run fault-run`: shoppers that place holds (with Idempotency-Keys) on a
// product in checkout mode `hold` with a short hold time, then Place order, Cancel, or walk away
// and let the hold expire — all through the same faults as the purchases. Every request without an
// outcome is sent again (a hold by its key, an end as it is: both are idempotent) until it has
// one; then what the store holds is counted against what the shoppers were told.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../../lib/redis/keys';

type Sent = { status: number; body: Record<string, unknown> };
type Plan = 'order' | 'cancel' | 'abandon';
/** One hold a shopper wants, and what it was told at each send. */
type HoldIntent = {
  key: string;
  buyer: number;
  plan: Plan;
  /** Every hold id an answer named (more than one: held twice). */
  holdIds: Set<string>;
  placed?: string;
  /** The end's final answer: ordered, cancelled, or the refusal code (hold_expired…). */
  ended?: string;
  orderIds: Set<string>;
  sends: number;
  /** Sends answered without an outcome (a cut connection, 503 redis_unavailable…). */
  unanswered: number;
};

export type HoldsRun = {
  stop: () => void;
  done: Promise<void>;
  settle: () => Promise<void>;
  check: (admin: Redis, keys: Keys) => Promise<HoldsReport>;
};

export type HoldsReport = {
  intents: number;
  sends: number;
  /** Sends (holds and their ends) that got no outcome and were sent again. */
  unanswered: number;
  toldHeld: number;
  toldOrdered: number;
  toldCancelled: number;
  toldExpired: number;
  abandoned: number;
  unresolved: number;
  lost: number;
  doubled: number;
  oversold: number;
  stuck: number;
  wrongState: number;
  /** Per fault phase: how many holds ended in it, by state (ordered, cancelled, expired). */
  endedByPhase: Record<string, Record<string, number>>;
  product: { stock: number; held: number; sold: number; totalStock: number };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `buyers` hold shoppers on `sku` of the app at `base`. */
export function startHoldShoppers(opts: {
  base: string;
  sku: string;
  cookies: string[];
  holdSeconds: number;
  headers: Record<string, string>;
  /** The fault phase running at a time (ms). */
  phaseAt: (t: number) => string;
}): HoldsRun {
  const { base, sku, cookies, holdSeconds, headers, phaseAt } = opts;
  const intents: HoldIntent[] = [];
  let running = true;

  async function post(path: string, cookie: string, extra: Record<string, string> = {}) {
    try {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, cookie, ...extra },
        body: '{"quantity":1}',
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      return { status: res.status, body } as Sent;
    } catch {
      return { status: 0, body: {} } as Sent;
    }
  }

  /** One send of the hold; true once it has an outcome. */
  async function place(intent: HoldIntent): Promise<boolean> {
    intent.sends++;
    const { body } = await post(`/api/products/${sku}/holds`, cookies[intent.buyer]!, {
      'idempotency-key': intent.key,
    });
    const outcome = body.outcome as string | undefined;
    const hold = body.hold as { id?: string } | undefined;
    if (hold?.id) intent.holdIds.add(hold.id);
    if (outcome) intent.placed = outcome;
    else intent.unanswered++;
    return outcome !== undefined;
  }

  /** One send of the hold's end; true once it has one (ordered, cancelled, or told why not). */
  async function end(intent: HoldIntent): Promise<boolean> {
    const id = [...intent.holdIds][0]!;
    intent.sends++;
    const { status, body } = await post(
      `/api/products/${sku}/holds/${id}/${intent.plan}`,
      cookies[intent.buyer]!,
    );
    if (typeof body.orderId === 'string') intent.orderIds.add(body.orderId);
    const error = (body.error as { code?: string } | undefined)?.code;
    if (status === 200) intent.ended = body.outcome as string;
    else if (status === 409 && error?.startsWith('hold_')) intent.ended = error;
    else intent.unanswered++;
    return intent.ended !== undefined;
  }

  async function shopper(buyer: number) {
    while (running) {
      const roll = Math.random();
      const plan: Plan = roll < 0.5 ? 'order' : roll < 0.7 ? 'cancel' : 'abandon';
      const intent: HoldIntent = {
        key: randomBytes(12).toString('hex'),
        buyer,
        plan,
        holdIds: new Set(),
        orderIds: new Set(),
        sends: 0,
        unanswered: 0,
      };
      intents.push(intent);
      await place(intent);
      if (intent.placed === 'held' && plan !== 'abandon') {
        // Some decide after the hold has expired: Place order and Cancel race the sweep.
        await sleep(Math.random() * holdSeconds * 1200);
        await end(intent);
      } else {
        await sleep(50);
      }
    }
  }

  const done = Promise.all(cookies.map((_, i) => shopper(i))).then(() => undefined);

  async function settle() {
    for (let round = 0; round < 50; round++) {
      const placing = intents.filter((i) => i.placed === undefined);
      const ending = intents.filter(
        (i) => i.placed === 'held' && i.plan !== 'abandon' && i.ended === undefined,
      );
      if (!placing.length && !ending.length) return;
      await Promise.all([...placing.map(place), ...ending.map(end)]);
      await sleep(200);
    }
  }

  async function check(admin: Redis, keys: Keys): Promise<HoldsReport> {
    // Wait until every hold has ended (the last ones expire holdSeconds after they were placed).
    const deadline = Date.now() + holdSeconds * 1000 + 10_000;
    while (Date.now() < deadline && Number(await admin.hget(keys.product(sku), 'held')) > 0) {
      await sleep(100);
    }
    const product = await admin.hgetall(keys.product(sku));
    const orders = await admin.hgetall(keys.orders(sku));
    const told = intents.filter((i) => i.placed === 'held');
    const toldIds = new Set(told.flatMap((i) => [...i.holdIds]));
    // Every hold record in the store (SCAN of the product's hold keys).
    const stored = new Map<string, { state: string; orderId: string | null }>();
    const endedByPhase: Record<string, Record<string, number>> = {};
    let cursor = '0';
    do {
      const [next, found] = await admin.scan(cursor, 'MATCH', keys.hold(sku, '*'), 'COUNT', 1000);
      cursor = next;
      const raws = found.length ? await admin.mget(...found) : [];
      found.forEach((key, i) => {
        const hold = JSON.parse(raws[i] ?? '{}') as {
          id: string;
          state: string;
          orderId: string;
          endedAt: number | null;
        };
        stored.set(hold.id ?? key, { state: hold.state, orderId: hold.orderId ?? null });
        if (hold.endedAt) {
          const ends = (endedByPhase[phaseAt(hold.endedAt)] ??= {});
          ends[hold.state] = (ends[hold.state] ?? 0) + 1;
        }
      });
    } while (cursor !== '0');
    const orderedTold = told.filter((i) => i.ended === 'ordered');
    const toldOrderIds = new Set(orderedTold.flatMap((i) => [...i.orderIds]));
    const lost =
      [...toldIds].filter((id) => !stored.has(id)).length +
      [...toldOrderIds].filter((id) => !(id in orders)).length;
    const doubled =
      intents.filter((i) => i.holdIds.size > 1 || i.orderIds.size > 1).length +
      [...stored.keys()].filter((id) => !toldIds.has(id)).length +
      Object.keys(orders).filter((id) => !toldOrderIds.has(id)).length;
    const expectState: Record<string, string> = {
      ordered: 'ordered',
      cancelled: 'cancelled',
      hold_expired: 'expired',
      hold_cancelled: 'cancelled',
      hold_ordered: 'ordered',
    };
    let wrongState = 0;
    for (const intent of told) {
      const state = stored.get([...intent.holdIds][0]!)?.state;
      if (intent.ended && state !== expectState[intent.ended]) wrongState++;
      // An abandoned hold can only have expired.
      if (intent.plan === 'abandon' && state !== 'expired') wrongState++;
    }
    const stuck = [...stored.values()].filter((h) => h.state === 'held').length;
    const stock = Number(product.stock);
    const held = Number(product.held ?? 0);
    const sold = Number(product.sold);
    const totalStock = Number(product.totalStock);
    const orderUnits = Object.values(orders).reduce(
      (n, raw) => n + (JSON.parse(raw) as { quantity: number }).quantity,
      0,
    );
    const oversold =
      Math.abs(stock + held + sold - totalStock) +
      (stock < 0 ? -stock : 0) +
      Math.abs(sold - orderUnits);
    return {
      intents: intents.length,
      sends: intents.reduce((n, i) => n + i.sends, 0),
      unanswered: intents.reduce((n, i) => n + i.unanswered, 0),
      toldHeld: told.length,
      toldOrdered: orderedTold.length,
      toldCancelled: told.filter((i) => i.ended === 'cancelled').length,
      toldExpired: told.filter((i) => i.ended === 'hold_expired').length,
      abandoned: told.filter((i) => i.plan === 'abandon').length,
      unresolved:
        intents.filter((i) => i.placed === undefined).length +
        told.filter((i) => i.plan !== 'abandon' && i.ended === undefined).length,
      lost,
      doubled,
      oversold,
      stuck,
      wrongState,
      endedByPhase,
      product: { stock, held, sold, totalStock },
    };
  }

  return { stop: () => (running = false), done, settle, check };
}
