import type { Config } from '@/lib/config';

let installed = false;

/**
 * Bounds an instance's stop. On SIGTERM or SIGINT Next's own handler closes the listener and idle
 * keep-alive connections and waits for the requests in flight (a purchase finishes); this makes
 * the process exit anyway SHUTDOWN_GRACE_MS later, so a stuck request or an open connection never
 * holds a stop (or a deploy) for long.
 */
export function boundShutdown({
  SHUTDOWN_GRACE_MS: graceMs,
}: Pick<Config, 'SHUTDOWN_GRACE_MS'>): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(code), graceMs).unref();
    });
  }
}
