// Everything a supervisor (`npm test`, `npm start`) starts is found again and ended, whatever
// happened on the way: a step that timed out, a child killed with SIGKILL whose own children were
// re-parented to init, a Ctrl-C or a SIGTERM, or the parent (npm) going away. Each supervisor
// marks its environment with a variable of its own; every process below it inherits the mark
// (Linux keeps a process's start environment in /proc/PID/environ), so the sweep finds even the
// orphans that left the process tree. Node built-ins only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';

/** Gives this process a mark `NAME=<random>` that its children inherit; returns the mark. */
export function markTree(name) {
  const mark = `${name}=${randomBytes(6).toString('hex')}`;
  process.env[name] = mark.slice(name.length + 1);
  return mark;
}

/** Pids of live processes (other than this one) whose start environment carries `mark`. */
export function markedPids(mark) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (environ.split('\0').includes(mark)) pids.push(Number(entry));
  }
  return pids;
}

/** True while process `pid` exists. */
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends every process carrying `mark`: SIGTERM, then SIGKILL for what is still there after
 * `graceMs`. Resolves with the pids it had to end (empty when nothing was left).
 */
export async function sweep(mark, { graceMs = 3000 } = {}) {
  const pids = markedPids(mark);
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await pause(50);
  for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
  // Processes started while the first ones were going down (a supervisor's restart).
  const late = markedPids(mark);
  for (const pid of late) signal(pid, 'SIGKILL');
  return [...new Set([...pids, ...late])];
}

/** Sends `name` to the whole process group led by `child` (started with `detached: true`). */
export function signalGroup(child, name) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    /* the group is gone */
  }
}

/**
 * Calls `fn` once when this process's parent goes away (npm killed by SIGTERM leaves its script
 * running, re-parented): the supervisor then stops what it started instead of living on orphaned.
 */
export function onParentGone(fn, everyMs = 250) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      fn();
    }
  }, everyMs);
  timer.unref();
}

/**
 * Runs one step in a process group of its own and resolves with its exit code. At `limitMs` (a
 * bound for a hang, not a measurement) the whole group gets SIGTERM, then SIGKILL. `onChild`
 * (optional) is told the running child, so a signal handler can end the group too; `quiet` keeps
 * the limit from being announced.
 */
export function runStep(
  command,
  args,
  { cwd, env, limitMs, onChild, stdio = 'inherit', quiet = false } = {},
) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio, detached: true });
    onChild?.(child);
    let timedOut = false;
    const timer =
      limitMs &&
      setTimeout(() => {
        timedOut = true;
        if (!quiet)
          console.error(
            `\n✗ ${command} passed its limit (${limitMs < 60_000 ? `${limitMs} ms` : `${limitMs / 60_000} min`}): ending it`,
          );
        signalGroup(child, 'SIGTERM');
        setTimeout(() => signalGroup(child, 'SIGKILL'), 5000).unref();
      }, limitMs);
    child.once('error', () => resolve({ code: 1, timedOut }));
    child.once('exit', (code, sig) => {
      if (timer) clearTimeout(timer);
      // Whatever the step left in its group (a server it started) goes with it.
      signalGroup(child, 'SIGKILL');
      onChild?.(undefined);
      resolve({ code: code ?? (sig ? 1 : 0), timedOut });
    });
  });
}
