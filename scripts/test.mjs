// `npm test`: the set-up of `npm start` (dependencies, a Redis of its own, Chromium), then
// typecheck, lint and format, vitest against the real Redis, the production build and Playwright.
// Ends with one line of its own: `N passed, N failed`, totals across every runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureBuild,
  ensureChromium,
  ensureDependencies,
  onShutdown,
  root,
  runPlaywright,
  startScratchRedis,
  step,
} from './lib/stack.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results');
const totals = { passed: 0, failed: 0 };
const summary = [];

function record(name, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  summary.push(`${failed ? '✗' : '✓'} ${name}: ${passed} passed, ${failed} failed`);
}

function run(name, command, args, env = {}) {
  step(name);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    timeout: 12 * 60_000,
  });
  return result.status === 0;
}

/** A step that is one check: passed or failed. */
function check(name, command, args, env) {
  const ok = run(name, command, args, env);
  record(name, ok ? 1 : 0, ok ? 0 : 1);
  return ok;
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
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const redis = await startScratchRedis('test');
const cleanUp = () => redis.stop();
onShutdown(cleanUp);

check('typecheck (tsc)', bin('tsc'), ['--noEmit']);
check('lint (eslint)', bin('eslint'), ['.', '--max-warnings', '0']);
check('format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);

const vitestJson = join(results, 'vitest.json');
run(
  'unit and integration tests (vitest, real Redis)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`],
  { REDIS_URL: redis.url },
);
const vitest = readJson(vitestJson);
record('vitest', vitest?.numPassedTests ?? 0, vitest ? vitest.numFailedTests : 1);

// A stale dev build can reference deleted routes and break the production build.
rmSync(join(root, '.next', 'dev'), { recursive: true, force: true });
const built = ensureBuild({ force: true });
record('production build (next build)', built ? 1 : 0, built ? 0 : 1);

if (built) {
  const playwrightJson = join(results, 'playwright.json');
  step('end to end (Playwright, Debian Chromium)');
  await runPlaywright({
    redisUrl: redis.url,
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  });
  const stats = existsSync(playwrightJson) ? readJson(playwrightJson)?.stats : undefined;
  record('playwright', stats?.expected ?? 0, stats ? stats.unexpected + stats.flaky : 1);
}

await cleanUp();
console.log(`\n${summary.join('\n')}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
