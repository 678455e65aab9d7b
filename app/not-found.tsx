import type { Metadata } from 'next';
import { PageMessage } from '@/components/ui/page-message';

export const metadata: Metadata = { title: 'Not found · Stockrush' };

/** The branded 404: unknown pages (and API routes Next does not know). */
export default function NotFound() {
  return (
    <PageMessage code="404" title="This page is not part of the sale">
      The link may be old, or the product was removed. Everything on sale right now is on the
      storefront.
    </PageMessage>
  );
}
