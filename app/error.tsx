'use client';

import { PageMessage } from '@/components/ui/page-message';
import { Button } from '@/components/ui/button';

/** The branded error page: a page that failed to render offers a retry and the way home. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <PageMessage
      code="Error"
      title="Something went wrong on this page"
      action={
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
      }
    >
      Nothing you bought is lost: every purchase is stored before it is confirmed. Try again, or go
      back to the storefront.
    </PageMessage>
  );
}
