import { handle } from '@/lib/http/handler';
import { json } from '@/lib/http/responses';
import { listProducts } from '@/lib/inventory/catalogue';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => json({ products: await listProducts() }));
