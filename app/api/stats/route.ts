import { readStats } from '@/lib/activity/stats';
import { handle } from '@/lib/http/handler';
import { json } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => json(await readStats()));
