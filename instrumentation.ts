/** Runs once when a server process starts, before it answers requests (Next's instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [
    { config },
    { installEdge },
    { boundShutdown },
    { holdInstanceNumber },
    { startMetricsPublisher },
    { sweepHoldsWhileRunning },
  ] = await Promise.all([
    import('@/lib/config'),
    import('@/lib/http/install-edge'),
    import('@/lib/shutdown'),
    import('@/lib/instance'),
    import('@/lib/metrics-aggregate'),
    import('@/lib/holds/sweeper'),
  ]);
  // Process-wide settings, read before any request (and any store connection): the one place
  // besides the app's context that reads the configuration; a bad setting stops the start here.
  const cfg = config();
  installEdge(cfg);
  boundShutdown(cfg);
  await holdInstanceNumber();
  startMetricsPublisher();
  // Every instance sweeps expired holds (no leader: WATCH settles racing sweepers).
  sweepHoldsWhileRunning();
}
