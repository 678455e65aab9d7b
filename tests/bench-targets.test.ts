import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM helper of the bench script, no type declarations
import { benchVerdict, judgeTargets } from '../scripts/lib/bench-targets.mjs';

type Group = { heading: string; targets: { label: string; ok: boolean }[] };

/** A run at 64 buyers meeting every target, with `soldOutRatio` × the floor in the sold-out phase. */
function run64(soldOutRatio: number) {
  return {
    concurrency: 64,
    coalesce: { okPerS: 1000, conflictsPerSale: 0, lost: 0, latencyMs: { p99: 20 } },
    floor: { requestsPerS: 1000 },
    health: { requestsPerS: 1100 },
    soldOut: { requestsPerS: soldOutRatio * 1000 },
  };
}

const clean = { auditOk: true, oversold: 0 };

describe('npm run bench: judging the targets', () => {
  it('exits 0 when every target is met', () => {
    const groups = judgeTargets([run64(1)], clean) as Group[];
    expect(groups.flatMap((g) => g.targets).every((t) => t.ok)).toBe(true);
    expect(benchVerdict(groups, clean)).toEqual({ exitCode: 0, missed: [] });
  });

  it('exits 1 when one throughput target is missed (sold-out at 0.91× the floor)', () => {
    const groups = judgeTargets([run64(0.91)], clean) as Group[];
    const verdict = benchVerdict(groups, clean) as { exitCode: number; missed: string[] };
    expect(verdict.exitCode).toBe(1);
    expect(verdict.missed).toEqual(['sold-out answers/s ≥ 0.95× route floor (0.91)']);
  });

  it('exits 1 on a failed audit even when no target ran', () => {
    const failed = { auditOk: false, oversold: 0 };
    expect(benchVerdict(judgeTargets([], failed), failed).exitCode).toBe(1);
    const oversold = { auditOk: true, oversold: 2 };
    expect(benchVerdict(judgeTargets([], oversold), oversold).exitCode).toBe(1);
  });

  it('judges 256 buyers by p99 and lost units', () => {
    const r256 = {
      ...run64(1),
      concurrency: 256,
      coalesce: { okPerS: 900, conflictsPerSale: 0, lost: 3, latencyMs: { p99: 1200 } },
    };
    const groups = judgeTargets([r256], clean) as Group[];
    expect(groups.map((g) => g.heading)).toEqual(['targets at 256 buyers']);
    expect(benchVerdict(groups, clean).missed).toEqual([
      'p99 under one second (1200 ms)',
      'nothing lost (3)',
    ]);
  });

  it('judges placing holds against the floor, and the expiry burst by its time and errors', () => {
    const withHolds = { ...run64(1), holds: { okPerS: 800 } };
    const burst = {
      placed: 10_000,
      backAfterMs: 2300,
      duringBurst: { errors: 0, statusCodes: { '200': 900, '503': 2 } },
    };
    const judged = { ...clean, burst };
    const groups = judgeTargets([withHolds], judged) as Group[];
    expect(benchVerdict(groups, judged).missed).toEqual([
      'held/s ≥ 0.85× route floor (0.80)',
      'all back on sale within 2 s (2300 ms)',
      'the store kept answering: no errors, no 5xx (0 errors, 2 5xx)',
    ]);
  });
});
