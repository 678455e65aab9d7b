import type { ChainableCommander } from 'ioredis';
import type { StoreContext } from './client';
import {
  StoreCommandError,
  StoreContentionError,
  StoreUnavailableError,
  toStoreError,
} from './errors';
import type { TxLease } from './tx-pool';

/** Where a plan queues its reads or writes (a pipeline or a MULTI). */
export type CommandQueue = ChainableCommander;

/** How hard one watched transaction tries; each caller gives its own. */
export type WatchPolicy = {
  /** WATCH…EXEC tries before the answer is `contention` (each aborted EXEC is one conflict). */
  maxAttempts: number;
  /** First backoff after a conflict or store error; doubles per try, full jitter. */
  backoffBaseMs: number;
  /** Cap of one backoff. */
  backoffMaxMs: number;
  /** Store failures (lost connections, errors at EXEC) ridden out before giving up. */
  maxStoreErrors: number;
  /**
   * When set, a written transaction counts as done only once `replicas` replicas have it (WAIT on
   * the same connection, at most `timeoutMs`); otherwise the answer is `unconfirmed`.
   */
  confirm?: { replicas: number; timeoutMs: number };
};

/**
 * A key (or a hash field) that a transaction's writes create and nothing else does: after an EXEC
 * whose reply was lost, its presence proves the writes committed.
 */
export type CommitToken = { key: string; field?: string };

/** What one try decided: nothing to write (with its answer), or writes for MULTI…EXEC. */
export type Plan<V> =
  | { write: false; value: V }
  | { write: true; value: V; queue: (tx: CommandQueue) => void; token?: CommitToken };

/** One watched transaction: what to WATCH, what to read with it, and a pure decision. */
export type WatchedTransaction<S, V> = {
  /** Keys to WATCH, all in one hash slot (the product's `{sku}` tag); the first picks the node. */
  watch: string[];
  /** Queues the reads that go in the WATCH's round trip. */
  read: (pipe: CommandQueue) => void;
  /** Turns the read replies (in queue order) into a snapshot. */
  parse: (replies: unknown[]) => S;
  /** Pure: the plan for this snapshot. */
  decide: (snapshot: S) => Plan<V>;
};

type Tries = { attempts: number; conflicts: number };

/** How a watched transaction ended. Thrown only: StoreUnavailableError with nothing sent, bugs. */
export type WatchedResult<V> = Tries &
  (
    | {
        status: 'written';
        value: V;
        /** found committed by its token after a lost reply */ recovered: boolean;
      }
    | { status: 'unchanged'; value: V }
    /** Written on the primary, but no replica confirmed it in time: a failover may lose it. */
    | { status: 'unconfirmed'; value: V }
    | { status: 'contention' }
    | { status: 'unknown'; tokens: CommitToken[]; cause: unknown }
  );

/** A throw from the caller's parse or decide: a bug, never retried. */
class CallbackFailure {
  constructor(readonly cause: unknown) {}
}

function callback<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new CallbackFailure(error);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full-jitter exponential backoff, so racing clients spread out instead of colliding again. */
function backoff(policy: WatchPolicy, round: number): Promise<void> {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.min(round, 16));
  return ceiling > 0 ? sleep(Math.random() * ceiling) : Promise.resolve();
}

/**
 * A try whose EXEC may have reached Redis: its token tells whether it committed, once its
 * connection is fenced (nothing more of it can run); until then a late EXEC may still commit.
 */
type Uncertain<V> = {
  token: CommitToken;
  value: V;
  cause: Error;
  fence: TxLease['fence'];
  fenced: boolean;
};

/** A try that settled the transaction. */
type Settled<V> =
  | { status: 'written'; value: V; recovered: boolean }
  | { status: 'unchanged' | 'unconfirmed'; value: V };

type TryOutcome<V> =
  | { kind: 'done'; result: Settled<V> }
  | { kind: 'conflict' }
  /** The EXEC (or what came before it) failed; `sent` when the writes may have reached Redis. */
  | { kind: 'failed'; error: Error; sent?: Plan<V> & { write: true } };

/**
 * WAIT on the connection that wrote: true once `confirm.replicas` replicas have its writes. A
 * connection that fails meanwhile confirms nothing (the writes are on the primary either way).
 */
async function replicated(lease: TxLease, confirm: WatchPolicy['confirm']): Promise<boolean> {
  if (!confirm) return true;
  try {
    return (await lease.conn.wait(confirm.replicas, confirm.timeoutMs)) >= confirm.replicas;
  } catch {
    return false;
  }
}

/**
 * One try on a lent connection: WATCH, the reads and the tokens of earlier uncertain EXECs in one
 * round trip; then either the earlier commit, nothing to write (UNWATCH), or MULTI…EXEC with every
 * command's reply checked. The lease is always handed back: released when clean, else discarded.
 */
async function tryOnce<S, V>(
  lease: TxLease,
  txn: WatchedTransaction<S, V>,
  uncertain: Pick<Uncertain<V>, 'token' | 'value'>[],
  confirm: WatchPolicy['confirm'],
): Promise<TryOutcome<V>> {
  const { conn } = lease;
  let sent: (Plan<V> & { write: true }) | undefined;
  try {
    const pipe = conn.pipeline().watch(...txn.watch);
    txn.read(pipe);
    for (const { token } of uncertain) {
      if (token.field === undefined) pipe.exists(token.key);
      else pipe.hexists(token.key, token.field);
    }
    const replies = await pipe.exec();
    if (!replies) throw new StoreUnavailableError('the read answered nothing');
    for (const [error] of replies) if (error) throw error;
    const values = replies.map(([, value]) => value);
    const reads = values.slice(1, values.length - uncertain.length);
    const seen = values.slice(values.length - uncertain.length);
    const committed = uncertain.find((_, i) => Number(seen[i]) === 1);
    if (committed) {
      await conn.unwatch();
      lease.release();
      // The lost EXEC ran on another connection: whether a replica has it cannot be waited for.
      const result: Settled<V> = confirm
        ? { status: 'unconfirmed', value: committed.value }
        : { status: 'written', value: committed.value, recovered: true };
      return { kind: 'done', result };
    }
    const plan = callback(() => txn.decide(txn.parse(reads)));
    if (!plan.write) {
      await conn.unwatch();
      lease.release();
      return { kind: 'done', result: { status: 'unchanged', value: plan.value } };
    }
    const tx = conn.multi();
    callback(() => plan.queue(tx));
    sent = plan;
    const results = await tx.exec();
    if (results === null) {
      // The aborted EXEC has cleared the WATCH: the connection is clean again.
      lease.release();
      return { kind: 'conflict' };
    }
    // Redis runs every queued command even when one fails: a failed one is a bug, not a retry.
    const failed = results.find(([error]) => error);
    if (failed?.[0]) {
      lease.release();
      throw new CallbackFailure(
        new StoreCommandError(`a write of a committed transaction failed: ${failed[0].message}`, {
          cause: failed[0],
        }),
      );
    }
    const confirmed = await replicated(lease, confirm);
    lease.release();
    if (!confirmed) return { kind: 'done', result: { status: 'unconfirmed', value: plan.value } };
    return { kind: 'done', result: { status: 'written', value: plan.value, recovered: false } };
  } catch (error) {
    if (error instanceof CallbackFailure) {
      if (!sent) lease.discard();
      throw error.cause;
    }
    lease.discard();
    const typed = toStoreError(error);
    if (typed instanceof StoreCommandError) throw typed;
    return { kind: 'failed', error: typed, sent };
  }
}

/**
 * Fences every uncertain try not fenced yet, so that the next read of its token is final. A
 * fence that fails leaves it unfenced: the transaction can still finish, but never by an answer
 * that a late EXEC could make untrue (see runWatched).
 */
async function fenceAll<V>(uncertain: Uncertain<V>[]): Promise<void> {
  for (const u of uncertain) {
    if (u.fenced) continue;
    try {
      await u.fence();
      u.fenced = true;
    } catch {
      // Stays unfenced: the next try may still find its token; otherwise the answer is unknown.
    }
  }
}

/**
 * Runs one watched transaction (WATCH the keys, read, decide, MULTI…EXEC) on a dedicated
 * connection of `ctx`, the only place Stockrush does so. Never writes on a stale read: an aborted
 * EXEC is a conflict, retried with jittered backoff up to `policy.maxAttempts`, then `contention`
 * with nothing written. An EXEC whose outcome is in doubt (reply lost, timed out) is resolved by
 * its plan's token on the next try, after its connection is fenced (so it cannot commit later),
 * never applied twice; without a token, or when the store stays away, the answer is `unknown`. A
 * try in doubt never ends as `contention` or `unchanged` unless it was fenced and its token found
 * absent. With `policy.confirm`, a write no replica confirmed in time is `unconfirmed`.
 * Throws StoreUnavailableError when nothing was sent, StoreCommandError for a bad command, and
 * whatever `parse`/`decide` throw.
 */
export async function runWatched<S, V>(
  ctx: StoreContext,
  policy: WatchPolicy,
  txn: WatchedTransaction<S, V>,
): Promise<WatchedResult<V>> {
  const tries: Tries = { attempts: 0, conflicts: 0 };
  const uncertain: Uncertain<V>[] = [];
  let storeErrors = 0;
  const unknown = (cause: unknown): WatchedResult<V> => ({
    ...tries,
    status: 'unknown',
    tokens: uncertain.map((u) => u.token),
    cause,
  });
  /** A try in doubt whose connection could not be fenced: its EXEC may still commit. */
  const unfenced = () => uncertain.find((u) => !u.fenced);

  /** A store failure: ride it out while the budget lasts, else give up with what is known. */
  async function rideOut(error: Error): Promise<WatchedResult<V> | undefined> {
    if (++storeErrors > policy.maxStoreErrors) {
      if (uncertain.length) return unknown(error);
      throw error;
    }
    await backoff(policy, storeErrors);
    return undefined;
  }

  for (;;) {
    await fenceAll(uncertain);
    let lease: TxLease;
    try {
      lease = await ctx.tx.acquire(txn.watch[0]!);
    } catch (error) {
      const typed = toStoreError(error);
      // Nothing of ours is in doubt: busy connections are contention, an unreachable store a throw.
      if (!uncertain.length) {
        if (typed instanceof StoreContentionError) return { ...tries, status: 'contention' };
        throw typed;
      }
      const given = await rideOut(typed);
      if (given) return given;
      continue;
    }
    tries.attempts++;
    const outcome = await tryOnce(lease, txn, uncertain, policy.confirm);
    if (outcome.kind === 'done') {
      // Nothing written now, but an unfenced EXEC read absent may still commit after the read.
      const pending = outcome.result.status === 'unchanged' && unfenced();
      return pending ? unknown(pending.cause) : { ...tries, ...outcome.result };
    }
    if (outcome.kind === 'conflict') {
      tries.conflicts++;
      if (tries.attempts >= policy.maxAttempts) {
        // Every earlier EXEC in doubt was read absent in this try's WATCH round trip; fenced, it
        // never ran. Unfenced, it may be the very write that aborted this try: not "nothing bought".
        const pending = unfenced();
        return pending ? unknown(pending.cause) : { ...tries, status: 'contention' };
      }
      await backoff(policy, tries.conflicts);
      continue;
    }
    ctx.tx.refreshTopology();
    if (outcome.sent) {
      // The writes may have committed: only a token can tell, on the next try.
      if (!outcome.sent.token) return unknown(outcome.error);
      const { token, value } = outcome.sent;
      uncertain.push({ token, value, cause: outcome.error, fence: lease.fence, fenced: false });
    }
    const given = await rideOut(outcome.error);
    if (given) return given;
  }
}
