import type { PurchaseMode } from '@/lib/api-types';
import type { StoreContext } from '@/lib/redis/client';
import type { PurchaseRequest } from './decide';
import { sellBatch, type Sale } from './sell';

/** One request's share of a sale: the transaction's verdicts, its own index, its wait. */
export type Admission =
  { sale: Sale; index: number; batch: number; queuedMs: number } | { overflow: true };

type Waiter = {
  request: PurchaseRequest;
  queuedAt: number;
  resolve: (a: Admission) => void;
  reject: (e: unknown) => void;
};
/** The waiting buyers of one product in one instance. */
type Lane = { queue: Waiter[]; inFlight: number };

/** An instance's lanes, and each existing product's mode as its last transaction read it. */
type Admissions = { lanes: Map<string, Lane>; modes: Map<string, PurchaseMode> };

const admissionsOf = new WeakMap<StoreContext, Admissions>();

function pump(ctx: StoreContext, { lanes, modes }: Admissions, sku: string, lane: Lane): void {
  const { ADMISSION_IN_FLIGHT, ADMISSION_BATCH_MAX, PURCHASE_MODE } = ctx.config;
  // Plain mode: one transaction per request, all in flight at once, so buyers race for real.
  const plain = (modes.get(sku) ?? PURCHASE_MODE) === 'plain';
  const inFlightMax = plain ? Infinity : ADMISSION_IN_FLIGHT;
  while (lane.inFlight < inFlightMax && lane.queue.length > 0) {
    const batch = lane.queue.splice(0, plain ? 1 : ADMISSION_BATCH_MAX);
    const started = performance.now();
    lane.inFlight++;
    sellBatch(
      ctx,
      batch.map((w) => w.request),
    )
      .then(
        (sale) => {
          if (sale.product) modes.set(sku, sale.product.purchaseMode ?? PURCHASE_MODE);
          batch.forEach((w, index) =>
            w.resolve({ sale, index, batch: batch.length, queuedMs: started - w.queuedAt }),
          );
        },
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        lane.inFlight--;
        if (lane.queue.length > 0) pump(ctx, { lanes, modes }, sku, lane);
        else if (lane.inFlight === 0) lanes.delete(sku);
      });
  }
}

/**
 * Admission per product in this instance. Coalesce mode: at most ADMISSION_IN_FLIGHT watched
 * transactions in flight; the rest wait in a FIFO queue and are decided together in the next
 * transaction, so the work per sale falls as load rises. Plain mode: every request runs its own.
 * A product's mode is learnt from its transactions' reads (the instance's PURCHASE_MODE until the
 * first). Past ADMISSION_QUEUE_MAX waiting, answers `overflow` at once.
 */
export function admit(ctx: StoreContext, request: PurchaseRequest): Promise<Admission> {
  let admissions = admissionsOf.get(ctx);
  if (!admissions) {
    admissions = { lanes: new Map(), modes: new Map() };
    admissionsOf.set(ctx, admissions);
  }
  const { lanes } = admissions;
  const lane = lanes.get(request.sku) ?? { queue: [], inFlight: 0 };
  lanes.set(request.sku, lane);
  if (lane.queue.length >= ctx.config.ADMISSION_QUEUE_MAX) {
    return Promise.resolve({ overflow: true });
  }
  const all = admissions;
  return new Promise<Admission>((resolve, reject) => {
    lane.queue.push({ request, queuedAt: performance.now(), resolve, reject });
    pump(ctx, all, request.sku, lane);
  });
}
