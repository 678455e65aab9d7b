'use client';

import useSWR from 'swr';
import { PRODUCTS_PATH, type ProductsBody } from '@/lib/api-types';
import { fetchJson, type HttpError } from './api-client';
import { POLL_MS } from './poll-interval';

/**
 * The catalogue, polled every POLL_MS, for the admin table and the storefront alike. The
 * deduping window sits below the interval (SWR's 2 s default would poll every ~3 s); the last
 * list stays on screen while a poll fails.
 */
export function useProducts(fallbackData?: ProductsBody) {
  return useSWR<ProductsBody, HttpError>(PRODUCTS_PATH, fetchJson, {
    refreshInterval: POLL_MS,
    dedupingInterval: Math.min(250, Math.floor(POLL_MS / 4)),
    keepPreviousData: true,
    fallbackData,
  });
}
