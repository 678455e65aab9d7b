'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False in the server render and until React has hydrated the page, true after. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
