// Starting the stack as an operator does (`node scripts/start.mjs`, or `npm start`), for the specs
// that test the front: its output collected, its log in a file of its own, stopped whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

export type Start = {
  child: ChildProcess;
  /** What the terminal shows. */
  output: () => string;
  /** The start's log file: the servers' own output and the pids of what it started. */
  log: () => string;
  exited: Promise<number | null>;
};

/** Where and as whom a stack starts: this checkout as this user unless told otherwise. */
export type StartPlace = {
  /** `npm start` instead of `node scripts/start.mjs`. */
  viaNpm?: boolean;
  /** The checkout to start from (a copy made by copyCheckout). */
  cwd?: string;
  /** Another user to start it as (root only). */
  uid?: number;
  gid?: number;
};

/**
 * `node scripts/start.mjs` (or `npm start` with `viaNpm`) with `env` on top of this run's; its
 * output collected, its log in a file of its own (in the checkout when it is another's).
 */
export function startStack(
  env: Record<string, string>,
  { viaNpm = false, cwd, uid, gid }: StartPlace = {},
): Start {
  let out = '';
  const logFile = cwd
    ? join(cwd, '.start-test.log')
    : join(mkdtempSync(join(tmpdir(), 'stockrush-start-log-')), 'start.log');
  const [command, args] = viaNpm
    ? ['npm', ['start', '--silent']]
    : [process.execPath, ['scripts/start.mjs']];
  const child = spawn(command, args, {
    cwd,
    uid,
    gid,
    env: { ...process.env, NODE_ENV: 'production', START_LOG: logFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  return { child, output: () => out, log, exited };
}

/** The pids `npm start` logs: `instance N on URL (pid P)`, `nginx pid P`, `Redis pid P`. */
export function pids(log: string, what: RegExp): number[] {
  return [...log.matchAll(what)].map((m) => Number(m[1]));
}

/** Whatever happened, the stack stops with everything it started (SIGKILL would orphan them). */
export async function cleanUp(stack: Start): Promise<void> {
  if (stack.child.exitCode !== null || stack.child.signalCode !== null) return;
  stack.child.kill('SIGINT');
  const timer = setTimeout(() => stack.child.kill('SIGKILL'), 10_000);
  await stack.exited;
  clearTimeout(timer);
}
