// Where a benchmark's CPU goes (Linux /proc): the CPU seconds of this script's descendants by
// role — the load generator, the app instances, nginx, Redis — and of the whole machine, so a
// slice's figures say whether the client, the front or the machine was the limit. Node built-ins only.
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_S = 100;

function stat(pid) {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may hold spaces: the fields after it are split by position.
    const close = raw.lastIndexOf(')');
    const comm = raw.slice(raw.indexOf('(') + 1, close);
    const fields = raw.slice(close + 2).split(' ');
    return {
      comm,
      ppid: Number(fields[1]),
      cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S,
    };
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine so far (every core, everyone's processes). */
function machineBusy() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  const idle = ticks[3] + ticks[4];
  return (ticks.reduce((a, b) => a + b, 0) - idle) / TICKS_PER_S;
}

/** CPU seconds so far per role among this process's descendants; `clientPid` is the load generator. */
export function cpuSample(clientPid) {
  const procs = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (s) procs.set(Number(name), s);
  }
  const roleOf = (pid, s) =>
    pid === clientPid
      ? 'client'
      : s.comm.startsWith('redis')
        ? 'redis'
        : s.comm.startsWith('nginx')
          ? 'nginx'
          : 'app';
  const isOurs = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; p = procs.get(p)?.ppid ?? 0, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  const sample = {
    at: performance.now() / 1000,
    machine: machineBusy(),
    client: 0,
    app: 0,
    nginx: 0,
    redis: 0,
  };
  for (const [pid, s] of procs)
    if (pid !== process.pid && isOurs(pid)) sample[roleOf(pid, s)] += s.cpu;
  return sample;
}

/** Cores used per role between two samples (1.0 = one core busy all along). */
export function coresBetween(before, after) {
  const seconds = after.at - before.at;
  const cores = {};
  for (const role of ['client', 'app', 'nginx', 'redis', 'machine'])
    cores[role] = (after[role] - before[role]) / seconds;
  return cores;
}
