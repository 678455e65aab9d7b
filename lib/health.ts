import { shared } from '@/lib/redis/client';

/** True when Redis answers PING within a second; never throws. */
export async function checkHealth(): Promise<boolean> {
  try {
    const pong = await Promise.race([
      shared().store.ping(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), 1000).unref(),
      ),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  }
}
