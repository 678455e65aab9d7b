import { pauseRoute } from '@/lib/http/queue-responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Admits again from the count reached, at the rate (never catching up on the pause). */
export const POST = pauseRoute(false);
