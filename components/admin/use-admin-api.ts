'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { callApi, type ApiResult } from '@/components/ui/api-client';

/** Where an admin without a session goes. */
export const LOGIN_PATH = '/admin/login';

/** Navigates to `path` so that its server component runs again with the current cookies. */
export function useReload() {
  const router = useRouter();
  return useCallback(
    (path: string) => {
      router.replace(path);
      router.refresh();
    },
    [router],
  );
}

/**
 * `callApi` for admin routes. A 401 means the session expired: the browser goes to the login
 * page, and the result still says why for the caller to show meanwhile.
 */
export function useAdminApi() {
  const reload = useReload();
  return useCallback(
    async <T>(path: string, init: Parameters<typeof callApi>[1] = {}): Promise<ApiResult<T>> => {
      const result = await callApi<T>(path, init);
      if (!result.ok && result.error.status === 401) reload(LOGIN_PATH);
      return result;
    },
    [reload],
  );
}
