'use client';

import useSWR from 'swr';
import { PRODUCTS_PATH, type ProductsBody } from '@/lib/api-types';
import { fetchJson, type HttpError } from './api-client';
import { dedupingFor, POLL_MS } from './poll-interval';

/**
 * The catalogue, polled every POLL_MS, for the admin table (the storefront reads it from its
 * snapshot). The last list stays on screen while a poll fails.
 */
export function useProducts(fallbackData?: ProductsBody) {
  return useSWR<ProductsBody, HttpError>(PRODUCTS_PATH, fetchJson, {
    refreshInterval: POLL_MS,
    dedupingInterval: dedupingFor(POLL_MS),
    keepPreviousData: true,
    fallbackData,
  });
}
