import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admissionInterval,
  admittedBy,
  idleReanchor,
  reanchor,
  turnStartsAt,
  type Segment,
} from '@/lib/queue/anchor';

const T0 = Date.parse('2026-12-01T12:00:00Z');
const start = (rate: number, frozen = false): Segment[] => [{ base: 0, at: T0, rate, frozen }];

describe('admission anchor math', () => {
  it('admits base + ⌊elapsed · rate⌋, nothing before the start, capped by the tickets', () => {
    const h = start(5);
    expect(admittedBy(h, T0 - 1)).toBe(0);
    expect(admittedBy(h, T0)).toBe(0);
    expect(admittedBy(h, T0 + 199)).toBe(0);
    expect(admittedBy(h, T0 + 200)).toBe(1);
    expect(admittedBy(h, T0 + 60_000)).toBe(300);
    expect(admittedBy(h, T0 + 60_000, 120)).toBe(120);
  });

  it('gives every rank the first time it is admitted, and none twice', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }).map((m) => m / 1000),
        fc.integer({ min: 1, max: 5000 }),
        (rate, rank) => {
          const h = start(rate);
          const t = turnStartsAt(h, rank)!;
          expect(admittedBy(h, t)).toBeGreaterThanOrEqual(rank);
          expect(admittedBy(h, t - 1)).toBeLessThan(rank);
        },
      ),
    );
  });

  it('a pause admits nobody; a resume goes on from the count reached', () => {
    let h = start(5);
    h = reanchor(h, T0 + 10_000, Infinity, { frozen: true }); // 50 admitted
    expect(admittedBy(h, T0 + 10_000)).toBe(50);
    expect(admittedBy(h, T0 + 70_000)).toBe(50);
    expect(turnStartsAt(h, 51)).toBeNull();
    h = reanchor(h, T0 + 70_000, Infinity, { frozen: false });
    expect(admittedBy(h, T0 + 70_200)).toBe(51);
    expect(turnStartsAt(h, 51)).toBe(T0 + 70_200);
    expect(turnStartsAt(h, 50)).toBe(T0 + 10_000);
  });

  it('a rate change keeps the count and changes the pace from then on', () => {
    let h = start(5);
    h = reanchor(h, T0 + 10_000, Infinity, { rate: 20 });
    expect(admittedBy(h, T0 + 10_000)).toBe(50);
    expect(admittedBy(h, T0 + 11_000)).toBe(70);
    // ±5 % of the configured rate over any whole second, from the math itself.
    for (let s = 0; s < 30; s++) {
      const from = T0 + 10_000 + s * 1000;
      expect(admittedBy(h, from + 1000) - admittedBy(h, from)).toBe(20);
    }
  });

  it('never admits a rank twice across any history of pauses and rate changes', () => {
    const change = fc.record({
      dt: fc.integer({ min: 0, max: 20_000 }),
      rate: fc.option(fc.integer({ min: 1, max: 50_000 }).map((m) => m / 1000)),
      frozen: fc.option(fc.boolean()),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (changes) => {
        let h = start(5);
        let now = T0;
        for (const c of changes) {
          now += c.dt;
          h = reanchor(h, now, Infinity, {
            ...(c.rate !== null ? { rate: c.rate } : {}),
            ...(c.frozen !== null ? { frozen: c.frozen } : {}),
          });
        }
        const end = now + 60_000;
        const reached = admittedBy(h, end);
        let previous = -Infinity;
        for (let rank = 1; rank <= Math.min(reached, 300); rank++) {
          const t = turnStartsAt(h, rank)!;
          expect(t).toBeGreaterThanOrEqual(previous); // ranks in order
          expect(admittedBy(h, t)).toBeGreaterThanOrEqual(rank);
          previous = t;
        }
        // Monotone in time: a count never goes back.
        let last = 0;
        for (let t = T0; t <= end; t += 997) {
          const n = admittedBy(h, t);
          expect(n).toBeGreaterThanOrEqual(last);
          last = n;
        }
      }),
    );
  });

  it('a quiet queue restarts at its next newcomer: no burst from the idle credit', () => {
    const h = start(5);
    // 10 tickets, all admitted after 2 s; at 60 s the credit would be 300.
    const now = T0 + 60_000;
    const idle = idleReanchor(h, now, 10)!;
    expect(idle).toBeDefined();
    expect(admittedBy(idle, now, 11)).toBe(11); // the newcomer at once
    expect(admittedBy(idle, now, 1000)).toBe(11); // the next ones at the rate
    expect(admittedBy(idle, now + admissionInterval(5), 1000)).toBe(12);
    expect(idleReanchor(h, T0 + 1000, 10)).toBeUndefined(); // 5 admitted: not idle
    expect(idleReanchor(h, T0 + 2000, 10)).toBeUndefined(); // 10 of 10: no credit for an 11th
    expect(idleReanchor(reanchor(h, now, 10, { frozen: true }), now, 10)).toBeUndefined();
  });
});
