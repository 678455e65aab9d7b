// When another admin saved a product while this one had it open (409 `changed_since_read`): what
// they changed, and this admin's edit reapplied on top of the product as it is now.
import type { Product } from '@/lib/api-types';
import { formatDateTime, formatPrice } from '@/lib/format';

/** One field another admin changed, as the admin reads it. */
export type Change = { label: string; before: string; after: string };

const when = (iso: string | null) => (iso === null ? 'no end' : formatDateTime(iso));

/** The fields the edit form writes, each with how it reads. */
const EDITED: { label: string; show: (p: Product) => string }[] = [
  { label: 'Name', show: (p) => p.name },
  { label: 'Price', show: (p) => formatPrice(p.priceCents) },
  { label: 'Limit per shopper', show: (p) => String(p.limitPerShopper) },
  { label: 'Starts', show: (p) => when(p.startsAt) },
  { label: 'Ends', show: (p) => when(p.endsAt) },
  { label: 'Purchase mode', show: (p) => p.purchaseMode },
  { label: 'Stock buckets', show: (p) => String(p.buckets) },
];

/** What changed in the fields an edit writes between the product as opened and as it is now. */
export function changesBetween(opened: Product, current: Product): Change[] {
  return EDITED.flatMap(({ label, show }) => {
    const before = show(opened);
    const after = show(current);
    return before === after ? [] : [{ label, before, after }];
  });
}

/**
 * This admin's edit on top of the current product: every field the admin changed from what was
 * opened keeps the admin's value; every other field takes the current one.
 */
export function reapply<T extends Record<string, string>>(opened: T, edited: T, current: T): T {
  const next = { ...current };
  for (const name of Object.keys(edited) as (keyof T)[]) {
    if (edited[name] !== opened[name]) next[name] = edited[name];
  }
  return next;
}
