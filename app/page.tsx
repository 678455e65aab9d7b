import { connection } from 'next/server';
import { POLL_MS } from '@/components/ui/poll-interval';
import { LOG_LIMIT } from '@/components/store/api';
import { Storefront } from '@/components/store/storefront';
import type { SnapshotBody } from '@/lib/api-types';
import { snapshotBody } from '@/lib/public-reads';

/** How long the first paint waits for the store before it sends the page without products. */
const FIRST_PAINT_WAIT_MS = 500;

/** The snapshot for the first HTML, or undefined when the store is slow or away. */
async function readFirstSnapshot(): Promise<{ body: SnapshotBody; etag: string } | undefined> {
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS));
  try {
    const answer = await Promise.race([snapshotBody(LOG_LIMIT), timeout]);
    return answer && { body: JSON.parse(answer.text) as SnapshotBody, etag: answer.etag };
  } catch {
    // The page then loads the snapshot itself and says when the store is unreachable.
    return undefined;
  }
}

/** The storefront, server-rendered with the live snapshot: SWR starts from it and polls on. */
export default async function Home() {
  // Rendered per request: the stock of a build-time snapshot would be wrong a second later.
  await connection();
  return <Storefront pollMs={POLL_MS} firstSnapshot={await readFirstSnapshot()} />;
}
