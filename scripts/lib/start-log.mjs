// What `npm start` shows and what it keeps: the servers' own output goes to a log file (its path
// printed), the terminal gets Stockrush's steps with a ticking progress line. Node built-ins only.
import { appendFileSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dataDir, step } from './stack.mjs';

/** The start's log file (`START_LOG`, else .data/logs/start-<port>.log), appended to. */
export function openStartLog(port) {
  const path = process.env.START_LOG ?? join(dataDir, 'logs', `start-${port}.log`);
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  const line = (text) => appendFileSync(fd, `[stockrush ${new Date().toISOString()}] ${text}\n`);
  line(`npm start (pid ${process.pid})`);
  return {
    fd,
    path: relative(process.cwd(), path) || path,
    line,
    /** Prints the last `n` lines of the log, for a step that failed. */
    tail(n) {
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n').slice(-n);
      console.error(`  last lines of ${path}:\n    ${lines.join('\n    ')}`);
    },
  };
}

/**
 * One step with a live elapsed time on a terminal (one line at the end elsewhere): `done(ok)`
 * closes it with ✓ or ✗ and the time it took.
 */
export function progress(label) {
  const started = Date.now();
  const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
  const tty = process.stdout.isTTY;
  if (!tty) step(label);
  const draw = () => process.stdout.write(`\r\u001b[36m›\u001b[0m ${label} … ${seconds()}\u001b[K`);
  if (tty) draw();
  const timer = tty ? setInterval(draw, 1000) : undefined;
  return {
    done(ok) {
      if (timer) clearInterval(timer);
      const mark = ok ? '\u001b[32m✓\u001b[0m' : '\u001b[31m✗\u001b[0m';
      const text = `${mark} ${label} (${seconds()})`;
      if (tty) process.stdout.write(`\r${text}\u001b[K\n`);
      else console.log(text);
    },
  };
}
