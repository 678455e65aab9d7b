// Another instance: restocks a product through the lib (and so announces it), then exits.
import { restock } from '@/lib/inventory/catalogue';
import { closeAppContext } from '@/lib/redis/client';

await restock(process.env.RESTOCK_SKU!, Number(process.env.RESTOCK_ADD));
await closeAppContext();
