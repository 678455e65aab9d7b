import { pauseRoute } from '@/lib/http/queue-responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Stops admission at the count reached (a watched re-anchor). */
export const POST = pauseRoute(true);
