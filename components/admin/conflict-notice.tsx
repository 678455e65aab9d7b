'use client';

import { useEffect, useRef } from 'react';
import type { Product } from '@/lib/api-types';
import { Button } from '@/components/ui/button';
import { Notice } from './controls';
import { changesBetween } from './edit-conflict';

/**
 * A save refused because another admin saved first: what they changed, and the two ways on —
 * reapply this admin's edit on top of theirs (then save again), or take theirs.
 */
export function ConflictNotice({
  opened,
  current,
  onReapply,
  onTakeTheirs,
}: {
  opened: Product;
  /** The product now; null when it was deleted meanwhile. */
  current: Product | null;
  onReapply: () => void;
  onTakeTheirs: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Save is at the dialog's bottom edge and the notice in its scrolling body: bring it into view.
  // (In braces: a browser's scrollIntoView may answer a promise, which React would take for a
  // clean-up function.)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center' });
  }, []);
  if (!current) {
    return (
      <Notice tone="error">
        <div ref={ref}>
          This product was deleted since you opened it: nothing was saved. Cancel to close.
        </div>
      </Notice>
    );
  }
  const changes = changesBetween(opened, current);
  return (
    <Notice tone="error">
      <div data-testid="edit-conflict" ref={ref}>
        <p className="font-medium">Someone changed this product since you opened it.</p>
        {changes.length > 0 ? (
          <ul className="mt-1 list-disc pl-5">
            {changes.map((c) => (
              <li key={c.label}>
                {c.label}: {c.before} → <span className="font-medium">{c.after}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1">They saved the same values you opened.</p>
        )}
        <p className="mt-1">Your changes are not saved yet.</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Button variant="primary" size="sm" onClick={onReapply}>
            Reload and reapply my changes
          </Button>
          <Button variant="secondary" size="sm" onClick={onTakeTheirs}>
            Discard mine, keep theirs
          </Button>
        </div>
      </div>
    </Notice>
  );
}
