// A throw-away primary and replica (no persistence) on free ports, for the durability tests and
// the failover run. The replica can reach the primary through a delaying relay, so it lags the way
// a replica over a slow link does. Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './stack.mjs';

function info(port, section) {
  return spawnSync('redis-cli', ['-p', String(port), 'info', section], { encoding: 'utf8' }).stdout;
}

function startServer(port, parent, extra = []) {
  const dir = join(parent, String(port));
  mkdirSync(dir);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  return spawn('redis-server', [...args, '--appendonly', 'no', ...extra], { stdio: 'ignore' });
}

/** Forwards TCP to `target`, holding every chunk `delayMs` in both directions. */
async function startDelayRelay(targetPort, delayMs) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const relay = (from, to) =>
      from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), delayMs));
    relay(client, upstream);
    relay(upstream, client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) s.on('close', close).on('error', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/**
 * Starts a primary and a replica of it and waits until the replica is in sync. With `lagMs`, the
 * replica talks to the primary through a relay that delays every chunk by that much.
 */
export async function startReplicaPair({ lagMs = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'stockrush-replica-'));
  const primaryPort = await freePort();
  const replicaPort = await freePort();
  const primary = startServer(primaryPort, dir);
  if (!(await waitFor(() => info(primaryPort, 'server').includes('redis_version'))))
    throw new Error('the primary did not start');
  const relay = lagMs > 0 ? await startDelayRelay(primaryPort, lagMs) : undefined;
  const upstreamPort = relay?.port ?? primaryPort;
  const replica = startServer(replicaPort, dir, ['--replicaof', '127.0.0.1', String(upstreamPort)]);
  const inSync = () => info(replicaPort, 'replication').includes('master_link_status:up');
  if (!(await waitFor(inSync, { timeoutMs: 20_000 }))) throw new Error('the replica did not sync');
  const exited = (child) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve));
  return {
    primaryUrl: `redis://127.0.0.1:${primaryPort}`,
    replicaUrl: `redis://127.0.0.1:${replicaPort}`,
    /** Freezes the replica (SIGSTOP): it stays connected but acknowledges nothing. */
    pauseReplica: () => replica.kill('SIGSTOP'),
    resumeReplica: () => replica.kill('SIGCONT'),
    /** kill -9 of the primary: whatever the replica has not received is gone. */
    killPrimary: async () => {
      primary.kill('SIGKILL');
      await exited(primary);
      relay?.close();
    },
    /** Makes the replica a primary of its own (REPLICAOF NO ONE). */
    promoteReplica: () =>
      spawnSync('redis-cli', ['-p', String(replicaPort), 'replicaof', 'no', 'one'], {
        encoding: 'utf8',
      }).stdout.trim(),
    stop: async () => {
      replica.kill('SIGCONT');
      relay?.close();
      for (const child of [primary, replica]) child.kill('SIGKILL');
      await Promise.all([exited(primary), exited(replica)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
