// `npm test`: the set-up of `npm start` (dependencies, a Redis of its own, Chromium), then
// typecheck, lint and format, vitest against the real Redis, the production build and Playwright.
// Ends with one line of its own: `N passed, N failed`, totals across every runner.
//
// Every step runs in a process group of its own and everything the run starts carries a mark in
// its environment: when a step ends, fails, passes its limit, or the run is interrupted (Ctrl-C,
// SIGTERM, npm going away), the group is ended and a sweep ends whatever still carries the mark.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { markTree, onParentGone, runStep, signalGroup, sweep } from './lib/process-tree.mjs';
import { findNginx } from './lib/front.mjs';
import { vitestOnNode24 } from './node24.mjs';
import {
  ensureBuild,
  ensureChromium,
  ensureDebianPackage,
  ensureDependencies,
  root,
  runPlaywright,
  startScratchRedis,
  step,
} from './lib/stack.mjs';

const MINUTE = 60_000;
// Bounds for a hang, not measurements: several times what each step takes on a slow, busy machine.
const LIMITS = { check: 10 * MINUTE, vitest: 15 * MINUTE, playwright: 40 * MINUTE };

const mark = markTree('STOCKRUSH_TEST_RUN');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results');
const totals = { passed: 0, failed: 0 };
const summary = [];
const started = Date.now();
let running; // the leader of the step's process group, while one runs
const groups = new Set(); // the leaders of the checks that run side by side
let redis;
let stopping = false;

function record(name, passed, failed) {
  // Once the run is being stopped, what the ended steps "answered" is no result: say nothing.
  if (stopping) return;
  totals.passed += passed;
  totals.failed += failed;
  summary.push(`${failed ? '✗' : '✓'} ${name}: ${passed} passed, ${failed} failed`);
}

async function endEverything() {
  signalGroup(running, 'SIGTERM');
  for (const child of groups) signalGroup(child, 'SIGTERM');
  await redis?.stop();
  const left = await sweep(mark);
  if (left.length) step(`ended ${left.length} process(es) the run had left: ${left.join(', ')}`);
}

async function interrupted(why, code) {
  if (stopping) return;
  stopping = true;
  console.error(`\n✗ npm test ${why}: stopping everything it started`);
  await endEverything();
  process.exit(code);
}
process.on('SIGINT', () => void interrupted('interrupted', 130));
process.on('SIGTERM', () => void interrupted('terminated', 143));
process.on('SIGHUP', () => void interrupted('hung up', 129));
onParentGone(() => void interrupted('lost its parent', 143));

async function run(name, command, args, { env = {}, limitMs = LIMITS.check } = {}) {
  step(name);
  const { code } = await runStep(command, args, {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    limitMs,
    onChild: (child) => (running = child),
  });
  return code === 0;
}

/**
 * Checks that are one result each (passed or failed), run side by side: each is one process on
 * one core. Their output is kept in a file each and printed when they are done, in order.
 */
async function checks(list) {
  step(list.map(([name]) => name).join(', '));
  const outcomes = await Promise.all(
    list.map(async ([name, command, args]) => {
      const file = join(results, `${command.split('/').pop()}.log`);
      const out = openSync(file, 'w');
      const { code } = await runStep(command, args, {
        cwd: root,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
        limitMs: LIMITS.check,
        stdio: ['ignore', out, out],
        onChild: (child) => child && groups.add(child),
      });
      closeSync(out);
      return { name, ok: code === 0, output: readFileSync(file, 'utf8').trim() };
    }),
  );
  for (const { name, ok, output } of outcomes) {
    console.log(`${ok ? '✓' : '✗'} ${name}${output ? `\n${output}` : ''}`);
    record(name, ok ? 1 : 0, ok ? 0 : 1);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

ensureDependencies();
ensureChromium();
// The edge tests run nginx from the real template and a client in a network namespace of their own.
findNginx();
ensureDebianPackage('ip', 'iproute2', 'The nginx edge tests need ip (apt-get install iproute2).');
ensureDebianPackage('curl', 'curl', 'The nginx edge tests need curl (apt-get install curl).');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

redis = await startScratchRedis('test');

await checks([
  ['typecheck (tsc)', bin('tsc'), ['--noEmit']],
  ['lint (eslint)', bin('eslint'), ['.', '--max-warnings', '0']],
  ['format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
]);

const vitestJson = join(results, 'vitest.json');
await run(
  'unit and integration tests (vitest, real Redis)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`],
  { env: { REDIS_URL: redis.url }, limitMs: LIMITS.vitest },
);
const vitest = readJson(vitestJson);
record('vitest', vitest?.numPassedTests ?? 0, vitest ? vitest.numFailedTests : 1);

// The second supported Node line: the same suite under Node 24 (installed once from npm).
const vitest24Json = join(results, 'vitest-node24.json');
await vitestOnNode24({
  env: { REDIS_URL: redis.url },
  args: ['--reporter=dot', '--reporter=json', `--outputFile=${vitest24Json}`],
  onChild: (child) => (running = child),
  limitMs: LIMITS.vitest,
});
const vitest24 = readJson(vitest24Json);
record('vitest on Node 24', vitest24?.numPassedTests ?? 0, vitest24 ? vitest24.numFailedTests : 1);

// A stale dev build can reference deleted routes and break the production build.
rmSync(join(root, '.next', 'dev'), { recursive: true, force: true });
const built = await ensureBuild({ force: true, onChild: (child) => (running = child) });
record('production build (next build)', built ? 1 : 0, built ? 0 : 1);

if (built) {
  const playwrightJson = join(results, 'playwright.json');
  step('end to end (Playwright, Debian Chromium)');
  await runPlaywright({
    redisUrl: redis.url,
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    limitMs: LIMITS.playwright,
    onChild: (child) => (running = child),
  });
  const stats = existsSync(playwrightJson) ? readJson(playwrightJson)?.stats : undefined;
  record('playwright', stats?.expected ?? 0, stats ? stats.unexpected + stats.flaky : 1);
}

// An interrupted run ends in its signal handler, not here with a summary of steps it cut short.
if (stopping) await new Promise(() => {});
await endEverything();
const minutes = ((Date.now() - started) / MINUTE).toFixed(1);
console.log(`\n${summary.join('\n')}\n(${minutes} min)\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
