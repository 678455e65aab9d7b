import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { WaitingRoom } from '@/components/queue/waiting-room';
import { POLL_MS } from '@/components/ui/poll-interval';
import type { Product } from '@/lib/api-types';
import { SKU_PATTERN } from '@/lib/limits';
import { productBody } from '@/lib/public-reads';

/** How long the first paint waits for the store before it sends the page without the product. */
const FIRST_PAINT_WAIT_MS = 500;

type Params = { params: Promise<{ sku: string }> };

/** The product for the first HTML; 'missing' when there is none, null when the store is slow or away. */
async function readProduct(sku: string): Promise<Product | 'missing' | null> {
  if (!SKU_PATTERN.test(sku)) return 'missing';
  const timeout = new Promise<null>((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS, null));
  try {
    const body = await Promise.race([productBody(sku), timeout]);
    if (body === null) return null;
    return body ? (JSON.parse(body.text) as Product) : 'missing';
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const product = await readProduct((await params).sku);
  const name = product && product !== 'missing' ? product.name : (await params).sku;
  return { title: `Waiting room · ${name} · Stockrush` };
}

/**
 * The waiting page of a product sold through a waiting room: the shopper joins, sees their place
 * fall, and buys when their turn comes. Rendered per request with the product; the queue's
 * status is polled by the page.
 */
export default async function QueuePage({ params }: Params) {
  await connection();
  const { sku } = await params;
  const product = await readProduct(sku);
  if (product === 'missing') notFound();
  return <WaitingRoom sku={sku} product={product} pollMs={POLL_MS} />;
}
