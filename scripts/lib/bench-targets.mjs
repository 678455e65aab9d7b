// The targets `npm run bench` judges a run by. Every one is a target: a run that misses any of them
// exits non-zero (machine noise can miss a throughput ratio; rerun, or read the line it printed).

const f2 = (n) => n.toFixed(2);

/**
 * Judges a run's results (one entry per concurrency) and its audit: the targets that apply, each
 * `{ label, ok }`, grouped by the concurrency they are for.
 * @param {{ concurrency: number, coalesce: any, floor: any, health: any, soldOut: any }[]} results
 * @param {{ auditOk: boolean, oversold: number, burst?: any }} audit
 * @returns {{ heading: string, targets: { label: string, ok: boolean }[] }[]}
 */
export function judgeTargets(results, { auditOk, oversold, burst }) {
  const groups = [];
  const at = (c) => results.find((r) => r.concurrency === c);
  const r64 = at(64);
  if (r64) {
    const { coalesce, floor, health, soldOut } = r64;
    groups.push({
      heading: 'targets at 64 buyers',
      targets: [
        {
          label: `purchased/s ≥ 0.9× route floor (${f2(coalesce.okPerS / floor.requestsPerS)})`,
          ok: coalesce.okPerS >= 0.9 * floor.requestsPerS,
        },
        {
          label: `purchased/s ≥ 0.8× health (${f2(coalesce.okPerS / health.requestsPerS)})`,
          ok: coalesce.okPerS >= 0.8 * health.requestsPerS,
        },
        {
          label: `≤ 0.05 conflicts per sale (${f2(coalesce.conflictsPerSale)})`,
          ok: coalesce.conflictsPerSale <= 0.05,
        },
        { label: '0 oversold, audit ok', ok: oversold === 0 && auditOk },
        {
          label: `sold-out answers/s ≥ 0.95× route floor (${f2(soldOut.requestsPerS / floor.requestsPerS)})`,
          ok: soldOut.requestsPerS >= 0.95 * floor.requestsPerS,
        },
        ...(r64.holds
          ? [
              {
                label: `held/s ≥ 0.85× route floor (${f2(r64.holds.okPerS / floor.requestsPerS)})`,
                ok: r64.holds.okPerS >= 0.85 * floor.requestsPerS,
              },
            ]
          : []),
      ],
    });
  }
  if (burst) {
    const during = burst.duringBurst;
    const failed = Object.entries(during.statusCodes)
      .filter(([code]) => Number(code) >= 500)
      .reduce((n, [, count]) => n + count, 0);
    groups.push({
      heading: `expiry burst (${burst.placed} holds due at one instant)`,
      targets: [
        {
          label: `all back on sale within 2 s (${burst.backAfterMs ?? 'not within 30 s'} ms)`,
          ok: burst.backAfterMs !== null && burst.backAfterMs <= 2000,
        },
        {
          label: `the store kept answering: no errors, no 5xx (${during.errors} errors, ${failed} 5xx)`,
          ok: during.errors === 0 && failed === 0,
        },
      ],
    });
  }
  const r256 = at(256);
  if (r256) {
    const { coalesce, health } = r256;
    groups.push({
      heading: 'targets at 256 buyers',
      targets: [
        {
          label: `purchased/s ≥ 0.7× health (${f2(coalesce.okPerS / health.requestsPerS)})`,
          ok: coalesce.okPerS >= 0.7 * health.requestsPerS,
        },
        {
          label: `p99 under one second (${coalesce.latencyMs.p99} ms)`,
          ok: coalesce.latencyMs.p99 < 1000,
        },
        { label: `nothing lost (${coalesce.lost})`, ok: coalesce.lost === 0 && auditOk },
      ],
    });
  }
  return groups;
}

/**
 * The exit code of a run: 0 only when the audit holds, nothing was oversold and every target was
 * met; with the targets missed, for the closing line.
 */
export function benchVerdict(groups, { auditOk, oversold }) {
  const missed = groups.flatMap((g) => g.targets.filter((t) => !t.ok).map((t) => t.label));
  const ok = auditOk && oversold === 0 && missed.length === 0;
  return { exitCode: ok ? 0 : 1, missed };
}
