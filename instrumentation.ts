/** Runs once when a server process starts, before it answers requests (Next's instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ installEdge }, { boundShutdown }, { holdInstanceNumber }] = await Promise.all([
    import('@/lib/http/install-edge'),
    import('@/lib/shutdown'),
    import('@/lib/instance'),
  ]);
  installEdge();
  boundShutdown();
  await holdInstanceNumber();
}
