// A throw-away three-master Redis Cluster on free ports, for the Cluster tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- plain ESM helper shared with the set-up scripts, no type declarations
import { freePort, waitFor } from '../../scripts/lib/stack.mjs';

export type TestCluster = { nodes: string; stop: () => Promise<void> };

function clusterOk(port: number): boolean {
  const out = spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], {
    encoding: 'utf8',
  }).stdout;
  return out.includes('cluster_state:ok');
}

/** Starts three cluster-enabled redis-servers and joins them (no replicas). */
export async function startCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'stockrush-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) ports.push((await freePort()) as number);
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    ),
  );
  const pingOk = (port: number) =>
    spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.includes(
      'PONG',
    );
  if (!(await waitFor(async () => ports.every(pingOk))))
    throw new Error('cluster nodes did not start');
  const create = spawnSync(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ],
    { encoding: 'utf8' },
  );
  if (create.status !== 0) throw new Error(`cluster create failed: ${create.stderr}`);
  if (!(await waitFor(async () => ports.every(clusterOk), { timeoutMs: 30_000 })))
    throw new Error('cluster did not become ok');
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    stop: async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise((r) =>
              c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill('SIGTERM')),
            ),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
