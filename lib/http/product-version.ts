import type { Product } from '@/lib/api-types';
import { VersionMismatch } from '@/lib/inventory/catalogue';
import { RefusalError } from './handler';
import { parseWith } from './request';
import { json } from './responses';
import { ifMatchSchema } from '@/lib/api-schemas';

/** The ETag of a product's version (docs/API.md, "Versions"). */
export function productEtag(product: Pick<Product, 'version'>): string {
  return `"${product.version}"`;
}

/** A product answer of the admin routes: the product, its version as ETag. */
export function productJson(product: Product, status = 200): Response {
  return json(product, status, { etag: productEtag(product) });
}

/** The version an admin write is conditioned on (`If-Match`), or undefined without one; 400 if malformed. */
export function readIfMatch(request: Request): number | undefined {
  const header = request.headers.get('if-match');
  return header === null ? undefined : parseWith(ifMatchSchema, header, 'If-Match header');
}

/**
 * Runs an admin write conditioned on `If-Match`: a VersionMismatch becomes 409 `changed_since_read`
 * carrying the product as it is now (`current`, null when it is gone) and its ETag.
 */
export async function conditional<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof VersionMismatch)) throw error;
    const { current } = error;
    const message = current
      ? 'This product was changed since you opened it.'
      : 'This product was deleted since you opened it.';
    const body = {
      error: { code: 'changed_since_read', message, issues: [] },
      current: current ?? null,
    };
    throw new RefusalError(json(body, 409, current ? { etag: productEtag(current) } : {}));
  }
}
