// The waiting page's own arithmetic: admission extrapolated between polls (never ahead of the
// server), position = rank − admitted, an estimated wait that only goes down while the line
// moves, the state shown for each status and ticket, and the proof of work solved in the page.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError } from '@/components/ui/api-client';
import { leadingZeroBits, solveChallenge, solves } from '@/components/queue/pow';
import { notAdmittedOf } from '@/components/queue/not-admitted';
import {
  admittedAt,
  formatWait,
  MAX_EXTRAPOLATE_MS,
  placeOf,
  progressOf,
  ServerClock,
} from '@/components/queue/queue-math';
import { viewOf } from '@/components/queue/queue-view';
import type { QueueStatus, Ticket } from '@/components/queue/types';

const T0 = Date.parse('2026-12-02T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function status(over: Partial<QueueStatus> = {}): QueueStatus {
  return {
    sku: 'sku',
    state: 'admitting',
    opensAt: iso(T0 - 600_000),
    startsAt: iso(T0),
    seedHash: 'ab'.repeat(32),
    seed: 'cd'.repeat(16),
    ratePerSecond: 5,
    admitted: 100,
    at: iso(T0 + 20_000),
    tickets: 1000,
    admitWindowSeconds: 300,
    powDifficulty: 0,
    ...over,
  };
}

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 't1',
    rank: 150,
    joinedAt: iso(T0 - 60_000),
    admittedAt: null,
    turnEndsAt: null,
    ...over,
  };
}

describe('admittedAt', () => {
  it('moves on at the rate from the answer, in whole admissions, never past the tickets', () => {
    const s = status();
    expect(admittedAt(s, T0 + 20_000)).toBe(100);
    expect(admittedAt(s, T0 + 20_999)).toBe(104);
    expect(admittedAt(s, T0 + 22_000)).toBe(110);
    expect(admittedAt(status({ tickets: 105 }), T0 + 25_000)).toBe(105);
  });

  it('stands still unless admitting, and for a clock behind the answer', () => {
    for (const state of ['paused', 'sold_out', 'open', 'ended'] as const)
      expect(admittedAt(status({ state }), T0 + 60_000)).toBe(100);
    expect(admittedAt(status(), T0)).toBe(100);
  });

  it('extrapolates one answer for a bounded time only (failing polls freeze the line)', () => {
    const far = admittedAt(status({ tickets: 10_000 }), T0 + 20_000 + 10 * MAX_EXTRAPOLATE_MS);
    expect(far).toBe(100 + (MAX_EXTRAPOLATE_MS / 1000) * 5);
  });
});

describe('placeOf and the words for the wait', () => {
  it('position = rank − admitted, people ahead = position − 1, wait = position / rate', () => {
    expect(placeOf({ rank: 150 }, 100, status())).toEqual({
      kind: 'waiting',
      position: 50,
      ahead: 49,
      waitSeconds: 10,
    });
    expect(placeOf({ rank: 101 }, 100, status()).kind).toBe('waiting');
    expect(placeOf({ rank: 100 }, 100, status())).toEqual({ kind: 'admitted' });
    expect(placeOf({ rank: null }, 100, status())).toEqual({ kind: 'unranked' });
  });

  it('has no wait while admission does not move', () => {
    const place = placeOf({ rank: 150 }, 100, status({ state: 'paused' }));
    expect(place).toMatchObject({ kind: 'waiting', waitSeconds: null });
  });

  it('says "about", rounds up, and never goes up as the position falls', () => {
    expect(formatWait(10)).toBe('less than a minute');
    expect(formatWait(60)).toBe('about 1 minute');
    expect(formatWait(61)).toBe('about 2 minutes');
    expect(formatWait(3900)).toBe('about 1 h 05 min');
    const s = status({ tickets: 100_000 });
    let last = Infinity;
    for (let t = T0 + 20_000; t < T0 + 30_000; t += 137) {
      const place = placeOf({ rank: 5000 }, admittedAt(s, t), s);
      if (place.kind !== 'waiting') throw new Error('admitted too early');
      expect(place.waitSeconds!).toBeLessThanOrEqual(last);
      last = place.waitSeconds!;
    }
  });

  it('measures progress from where the shopper started', () => {
    expect(progressOf(100, 100)).toBe(0);
    expect(progressOf(25, 100)).toBe(0.75);
    expect(progressOf(0, 100)).toBe(1);
  });
});

describe('ServerClock', () => {
  it('takes the freshest answer for the offset, so cached copies are not read as skew', () => {
    const clock = new ServerClock();
    const local = T0 + 3_600_000; // this browser's clock runs an hour ahead
    clock.observe(iso(T0 - 2_000), local + 50); // a copy 2 s old
    clock.observe(iso(T0), local + 40); // fresh, 40 ms on the way
    clock.observe(iso(T0 - 1_000), local + 60);
    expect(clock.now(local + 40)).toBe(T0);
  });
});

describe('viewOf', () => {
  const at = (state: QueueStatus['state'], t: Ticket | null | undefined, now = T0 + 20_000) =>
    viewOf({ status: status({ state }), ticket: t, serverNow: now });

  it('follows the queue before the start', () => {
    const before = T0 - 60_000;
    expect(at('not_open', null, before)).toMatchObject({ kind: 'not_open' });
    expect(at('open', null, before)).toMatchObject({ kind: 'join', started: false });
    expect(at('open', ticket({ rank: null }), before)).toMatchObject({ kind: 'pre_start' });
    expect(at('open', undefined, before)).toBeNull();
    expect(at('admitting', ticket({ rank: null }))).toEqual({ kind: 'shuffling' });
  });

  it('shows the place, paused or moving, then the turn and its end', () => {
    expect(at('admitting', ticket())).toMatchObject({ kind: 'waiting', position: 50, ahead: 49 });
    expect(at('paused', ticket())).toMatchObject({ kind: 'waiting', paused: true });
    expect(at('admitting', ticket({ rank: 90 }))).toEqual({ kind: 'letting_in' });
    const turn = ticket({ rank: 90, admittedAt: iso(T0 + 2_000), turnEndsAt: iso(T0 + 302_000) });
    expect(at('admitting', turn)).toEqual({ kind: 'turn', endsAt: iso(T0 + 302_000) });
    expect(at('admitting', turn, T0 + 302_000)).toMatchObject({ kind: 'passed' });
  });

  it('says sold out the moment the status does, whoever asks', () => {
    const turn = ticket({ rank: 90, admittedAt: iso(T0 + 2_000), turnEndsAt: iso(T0 + 302_000) });
    for (const t of [null, ticket(), turn, ticket({ rank: null })])
      expect(at('sold_out', t)).toEqual({ kind: 'sold_out' });
  });

  it('lets a late shopper join the moving line', () => {
    expect(at('admitting', null)).toMatchObject({ kind: 'join', started: true });
  });
});

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(new Uint8Array([0, 0x0f]))).toBe(12);
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('finds a nonce that node:crypto agrees on, and reports progress', async () => {
    const challenge = 'c0ffee:challenge';
    const reports: number[] = [];
    const nonce = await solveChallenge(challenge, 10, (p) => reports.push(p.tried));
    const digest = createHash('sha256')
      .update(challenge + nonce)
      .digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(10);
    expect(await solves(challenge, nonce, 10)).toBe(true);
    expect(reports).toEqual([...reports].sort((a, b) => a - b));
    expect(await solveChallenge(challenge, 0)).toBe('0');
  });

  it('stops when the page is left', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(solveChallenge('x', 20, undefined, controller.signal)).rejects.toThrow();
  });
});

describe('notAdmittedOf', () => {
  const refusal = (status: number, code: string, body: unknown) =>
    notAdmittedOf(new HttpError(status, code, 'refused', [], null, body));

  it('reads the place and the reason of a 403 not_admitted', () => {
    const body = { error: { code: 'not_admitted', message: 'm', issues: [] }, position: 12 };
    expect(refusal(403, 'not_admitted', { ...body, reason: 'waiting' })).toEqual({
      position: 12,
      reason: 'waiting',
    });
    expect(refusal(403, 'not_admitted', { ...body, position: null, reason: 'no_ticket' })).toEqual({
      position: null,
      reason: 'no_ticket',
    });
  });

  it('is null for any other refusal', () => {
    expect(refusal(403, 'forbidden', {})).toBeNull();
    expect(refusal(409, 'not_admitted', {})).toBeNull();
  });
});
