import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { durabilityMet, readReplication } from '@/lib/health';
import { appContext } from '@/lib/redis/client';

type Metrics = {
  registry: Registry;
  outcomes: Counter<'outcome'>;
  attempts: Histogram;
  latency: Histogram<'outcome'>;
};

const globalRef = globalThis as typeof globalThis & { __stockrushMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'stockrush_' });
  // Read when scraped: the replicas the durability mode relies on, their lag, and whether it holds.
  new Gauge({
    name: 'stockrush_replication',
    help: 'Online replicas, slowest replica lag in seconds (-1 without one), and durability met (1/0).',
    labelNames: ['measure'],
    registers: [registry],
    // Every instance reads the same Redis: added up across instances, the first one's figures.
    aggregator: 'first',
    async collect() {
      const ctx = appContext();
      const replication = await readReplication(ctx);
      this.set({ measure: 'replicas' }, replication.replicas);
      this.set({ measure: 'lag_seconds' }, replication.lagSeconds ?? -1);
      this.set({ measure: 'durability_met' }, durabilityMet(ctx, replication) ? 1 : 0);
    },
  });
  return {
    registry,
    outcomes: new Counter({
      name: 'stockrush_purchase_outcomes_total',
      help: 'Purchase requests answered, by outcome (this instance).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    attempts: new Histogram({
      name: 'stockrush_purchase_attempts',
      help: 'WATCH…EXEC tries per purchase request (0 = answered without a transaction).',
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'stockrush_purchase_latency_seconds',
      help: 'Time from a purchase request reaching the domain to its outcome.',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

/** This process's Prometheus metrics (one registry, kept across dev hot reloads). */
export function metrics(): Metrics {
  globalRef.__stockrushMetrics ??= create();
  return globalRef.__stockrushMetrics;
}

/** Counts one answered purchase. */
export function observePurchase(outcome: string, attempts: number, latencyMs: number): void {
  const m = metrics();
  m.outcomes.inc({ outcome });
  m.attempts.observe(attempts);
  m.latency.observe({ outcome }, latencyMs / 1000);
}
