import { handle } from '@/lib/http/handler';
import { publicJson } from '@/lib/http/public-json';
import { productsBody } from '@/lib/public-reads';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => publicJson(request, await productsBody()));
