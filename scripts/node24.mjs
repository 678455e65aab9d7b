// The second supported Node line (24 LTS) beside the one that runs the project: installs a Node 24
// binary once from the npm registry (the `node` package) into .data/node24 (kept across `npm ci`), and runs
// vitest under it. `node scripts/node24.mjs [vitest args]` runs the suite (REDIS_URL as given, or
// a throw-away Redis of vitest's own); `npm test` calls vitestOnNode24 with its Redis.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runStep } from './lib/process-tree.mjs';
import { dataDir, fail, root, step } from './lib/stack.mjs';

const LINE = 24;
const cache = join(dataDir, `node${LINE}`);
const binary = join(cache, 'node_modules', 'node', 'bin', 'node');

function majorOf(node) {
  const result = spawnSync(node, ['-v'], { encoding: 'utf8' });
  return result.status === 0 ? Number(/^v(\d+)\./.exec(result.stdout)?.[1]) : undefined;
}

/** The Node 24 binary, installed on first use (about 50 MB download); undefined when that failed. */
export function ensureNode24() {
  if (existsSync(binary) && majorOf(binary) === LINE) return binary;
  step(`installing Node ${LINE} into ${cache} (once)`);
  mkdirSync(cache, { recursive: true });
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      cache,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
    ].concat(['--loglevel=error', `node@${LINE}`]),
    { cwd: cache, stdio: 'inherit' },
  );
  return install.status === 0 && majorOf(binary) === LINE ? binary : undefined;
}

/**
 * Runs `vitest run` under Node 24 with `env` added (REDIS_URL of the caller's Redis) and `args`
 * (e.g. reporters), in a process group of its own (`onChild` hears of it, `limitMs` bounds a
 * hang); resolves whether it passed. The suite is the same files as under Node 20.
 */
export async function vitestOnNode24({ env = {}, args = [], onChild, limitMs } = {}) {
  const node = ensureNode24();
  if (!node) return false;
  const version = spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim();
  step(`unit and integration tests on Node ${LINE} (${version})`);
  const { code } = await runStep(
    node,
    [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args],
    {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
      onChild,
      limitMs,
    },
  );
  return code === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!ensureNode24()) fail(`Node ${LINE} could not be installed from the npm registry.`);
  process.exit((await vitestOnNode24({ args: process.argv.slice(2) })) ? 0 : 1);
}
