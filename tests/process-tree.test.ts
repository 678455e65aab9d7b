// The suite's and the start's clean-up: whatever a supervisor started is ended on SIGTERM, when
// its parent goes away, or when a step passes its limit — orphans in groups of their own included.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM helper shared with the set-up scripts, no type declarations
import { alive, runStep } from '../scripts/lib/process-tree.mjs';

const fixture = fileURLToPath(new URL('./support/supervisor-fixture.mjs', import.meta.url));
type Pids = { self: number; step: number; grandchild: number };

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/** Starts the fixture (through `sh -c` when `viaShell`, as npm does) and reads its pids. */
async function startSupervisor(viaShell: boolean): Promise<{ shell: ChildProcess; pids: Pids }> {
  const shell = viaShell
    ? spawn('sh', ['-c', `node ${fixture}; true`], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, [fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pids = await new Promise<Pids>((resolve) =>
    shell.stdout!.once('data', (data: Buffer) => resolve(JSON.parse(String(data)) as Pids)),
  );
  started.push(pids.self, pids.step, pids.grandchild);
  return { shell, pids };
}

async function gone(pids: number[]): Promise<void> {
  await expect.poll(() => pids.filter(alive), { timeout: 20_000, interval: 50 }).toEqual([]);
}

describe('process clean-up', () => {
  it('SIGTERM to the supervisor ends its step and the step’s detached grandchild', async () => {
    const { pids } = await startSupervisor(false);
    expect([pids.self, pids.step, pids.grandchild].every(alive)).toBe(true);
    process.kill(pids.self, 'SIGTERM');
    await gone([pids.self, pids.step, pids.grandchild]);
  });

  it('a supervisor whose parent is killed (npm on SIGTERM) ends everything it started', async () => {
    const { shell, pids } = await startSupervisor(true);
    shell.kill('SIGKILL');
    await gone([pids.self, pids.step, pids.grandchild]);
  });

  it('a step past its limit is ended with its whole group', async () => {
    let background = 0;
    const result = (await runStep('sh', ['-c', 'sleep 600 & echo $!; wait'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      limitMs: 300,
      quiet: true,
      onChild: (child?: ChildProcess) =>
        child?.stdout!.once('data', (d: Buffer) => (background = Number(String(d)))),
    })) as { code: number; timedOut: boolean };
    started.push(background);
    expect(result.timedOut).toBe(true);
    expect(result.code).not.toBe(0);
    expect(background).toBeGreaterThan(0);
    await gone([background]);
  });
});
