/** Runs once when a server process starts, before it answers requests (Next's instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ installEdge }, { boundShutdown }] = await Promise.all([
    import('@/lib/http/install-edge'),
    import('@/lib/shutdown'),
  ]);
  installEdge();
  boundShutdown();
}
