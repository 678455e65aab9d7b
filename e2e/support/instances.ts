// Real `next start` instances of the production build on free ports, sharing one store, for the
// multi-instance specs. Each set gets its own key prefix and stops with its processes.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
// @ts-expect-error -- plain ESM helpers shared with the set-up scripts, no type declarations
import { freePort, startNext, waitFor } from '../../scripts/lib/stack.mjs';

export type Instances = {
  urls: string[];
  prefix: string;
  password: string;
  stop: () => Promise<void>;
};

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Starts `count` instances on `store` (REDIS_URL or REDIS_CLUSTER_NODES) and waits until healthy. */
export async function startInstances(
  count: number,
  store: Record<string, string>,
  env: Record<string, string> = {},
): Promise<Instances> {
  const prefix = `mi-${randomBytes(3).toString('hex')}:`;
  const password = randomBytes(12).toString('base64url');
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push((await freePort()) as number);
  const children: ChildProcess[] = ports.map(
    (port) =>
      startNext({
        port,
        host: '127.0.0.1',
        stdio: 'ignore',
        env: {
          ...store,
          ...env,
          NODE_ENV: 'production',
          REDIS_PREFIX: prefix,
          ADMIN_PASSWORD: password,
          SESSION_SECRET: 'multi-instance-secret-multi-instance-secret-0123',
          // Every client of the spec comes from 127.0.0.1: per-address limits sized for it.
          SESSION_RATE_POINTS: '100000',
          PURCHASE_RATE_POINTS: '1000000',
        },
      }) as ChildProcess,
  );
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const stop = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
  };
  const healthy = async () =>
    (
      await Promise.all(
        urls.map((url) =>
          fetch(`${url}/api/health`).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      )
    ).every(Boolean);
  if (!(await waitFor(healthy, { timeoutMs: 60_000, everyMs: 200 }))) {
    await stop();
    throw new Error('the instances did not come up');
  }
  return { urls, prefix, password, stop };
}
