'use client';

import useSWR from 'swr';
import { PRODUCTS_PATH, type ProductsBody } from '@/lib/api-types';
import { callApi } from './api';
import { POLL_MS } from '@/components/ui/poll-interval';

async function fetchProducts(path: string): Promise<ProductsBody> {
  const result = await callApi<ProductsBody>(path);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/** The catalogue, polled every POLL_MS (the deduping window sits below the interval, or SWR would poll every 2 s). */
export function useProducts() {
  return useSWR<ProductsBody, Error>(PRODUCTS_PATH, fetchProducts, {
    refreshInterval: POLL_MS,
    dedupingInterval: POLL_MS / 2,
    keepPreviousData: true,
  });
}
