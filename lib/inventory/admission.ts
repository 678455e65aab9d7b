import { config } from '@/lib/config';
import type { PurchaseRequest } from './decide';
import { runWatchedBatch, type BatchResult } from './watched-batch';

/** One request's share of a batch: its own decision, the tries of the batch's transaction. */
export type Admitted = { result: BatchResult; index: number } | { overflow: true };

type Waiter = {
  request: PurchaseRequest;
  resolve: (a: Admitted) => void;
  reject: (e: unknown) => void;
};
type Lane = { queue: Waiter[]; inFlight: number };

const lanes = new Map<string, Lane>();

function pump(sku: string, lane: Lane): void {
  const { ADMISSION_IN_FLIGHT, ADMISSION_BATCH_MAX } = config();
  while (lane.inFlight < ADMISSION_IN_FLIGHT && lane.queue.length > 0) {
    const batch = lane.queue.splice(0, ADMISSION_BATCH_MAX);
    lane.inFlight++;
    runWatchedBatch(batch.map((w) => w.request))
      .then(
        (result) => batch.forEach((w, index) => w.resolve({ result, index })),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        lane.inFlight--;
        if (lane.queue.length > 0) pump(sku, lane);
        else if (lane.inFlight === 0) lanes.delete(sku);
      });
  }
}

/**
 * Admission per product in this instance: at most ADMISSION_IN_FLIGHT watched transactions in
 * flight; the rest wait in a FIFO queue and are granted together in the next transaction, so the
 * work per sale falls as load rises. Past ADMISSION_QUEUE_MAX waiting, answers `overflow` at once.
 */
export function admit(request: PurchaseRequest): Promise<Admitted> {
  let lane = lanes.get(request.sku);
  if (!lane) {
    lane = { queue: [], inFlight: 0 };
    lanes.set(request.sku, lane);
  }
  if (lane.queue.length >= config().ADMISSION_QUEUE_MAX) return Promise.resolve({ overflow: true });
  const waiting = lane;
  return new Promise<Admitted>((resolve, reject) => {
    waiting.queue.push({ request, resolve, reject });
    pump(request.sku, waiting);
  });
}
