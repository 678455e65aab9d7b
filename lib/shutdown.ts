import { config } from '@/lib/config';

let installed = false;

/**
 * Bounds an instance's stop. On SIGTERM or SIGINT Next's own handler closes the listener and idle
 * keep-alive connections and waits for the requests in flight (a purchase finishes); this makes
 * the process exit anyway SHUTDOWN_GRACE_MS later, so a stuck request or an open connection never
 * holds a stop (or a deploy) for long.
 */
export function boundShutdown(): void {
  if (installed) return;
  installed = true;
  let graceMs = 1000;
  try {
    graceMs = config().SHUTDOWN_GRACE_MS;
  } catch {
    // A bad setting is reported by the first request that needs the configuration.
  }
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(code), graceMs).unref();
    });
  }
}
