import { describe, expect, it } from 'vitest';
import { GET as archivedRoute } from '@/app/api/admin/archived/route';
import { POST as resetRoute } from '@/app/api/admin/reset/route';
import { adminCookie, req } from './support/http';

describe('POST /api/admin/reset', () => {
  it("keeps the admin's session: the next admin request is answered", async () => {
    const cookie = await adminCookie();
    const reset = await resetRoute(
      req('/api/admin/reset', { method: 'POST', headers: { cookie } }),
    );
    expect(reset.status).toBe(204);
    const archived = await archivedRoute(req('/api/admin/archived', { headers: { cookie } }));
    expect(archived.status).toBe(200);
  });
});
