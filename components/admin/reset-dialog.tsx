'use client';

import { useState } from 'react';
import { useAdminApi } from './use-admin-api';
import { Notice } from './controls';
import { Modal } from './modal';
import { Button } from '@/components/ui/button';

/** "Reset demo…": a confirmation before POST /api/admin/reset wipes the store. */
export function ResetDialog({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [pending, setPending] = useState(false);
  const callAdminApi = useAdminApi();
  const [error, setError] = useState<string | null>(null);

  async function reset() {
    setPending(true);
    setError(null);
    const result = await callAdminApi<undefined>('/api/admin/reset', { method: 'POST' });
    setPending(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  }

  return (
    <Modal
      open={open}
      onClose={() => {
        setError(null);
        onClose();
      }}
      size="sm"
      title="Reset the demo catalogue?"
      description="This deletes every product, order, log entry and statistic, then loads the demo products again. It cannot be undone."
    >
      {error ? (
        <Notice tone="error" className="mb-4">
          {error}
        </Notice>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={reset} disabled={pending}>
          {pending ? 'Resetting…' : 'Reset catalogue'}
        </Button>
      </div>
    </Modal>
  );
}
