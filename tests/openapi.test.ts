// The OpenAPI document covers every route in app/api, and real answers of the app validate
// against the schemas it publishes.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { GET as auditRoute } from '@/app/api/admin/audit/route';
import { PUT as upsertRoute } from '@/app/api/admin/products/[sku]/route';
import { POST as restockRoute } from '@/app/api/admin/products/[sku]/restock/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as logRoute } from '@/app/api/log/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { GET as productRoute } from '@/app/api/products/[sku]/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { GET as productsRoute } from '@/app/api/products/route';
import { POST as sessionRoute } from '@/app/api/session/route';
import { GET as snapshotRoute } from '@/app/api/snapshot/route';
import { GET as statsRoute } from '@/app/api/stats/route';
import { GET as adminHoldsRoute } from '@/app/api/admin/products/[sku]/holds/route';
import { POST as releaseRoute } from '@/app/api/admin/products/[sku]/holds/[id]/release/route';
import { GET as ordersRoute } from '@/app/api/admin/products/[sku]/orders/route';
import { POST as refundRoute } from '@/app/api/admin/products/[sku]/orders/[orderId]/cancel/route';
import { GET as meRoute } from '@/app/api/me/route';
import { POST as cancelRoute } from '@/app/api/products/[sku]/holds/[id]/cancel/route';
import { POST as orderRoute } from '@/app/api/products/[sku]/holds/[id]/order/route';
import { GET as holdRoute } from '@/app/api/products/[sku]/holds/[id]/route';
import { POST as holdsRoute } from '@/app/api/products/[sku]/holds/route';
import { createHoldProduct } from './support/holds';
import { adminCookie, params, req, shopperCookie } from './support/http';
import { createProduct } from './support/store';

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
  components: { schemas: Record<string, object> };
};
type Answer = { content?: Record<string, { schema: object }> };

const doc = (await (await openApiRoute()).json()) as Doc;

/** Every route file under app/api as `{ path, methods }`, `[sku]` written `{sku}`. */
function appRoutes(dir = join(process.cwd(), 'app', 'api')): { path: string; methods: string[] }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return appRoutes(full);
    if (entry.name !== 'route.ts') return [];
    const folder = relative(join(process.cwd(), 'app'), dir).split(sep).join('/');
    const path = `/${folder}`.replace(/\[(\w+)\]/g, '{$1}');
    const source = readFileSync(full, 'utf8');
    const methods = [
      ...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|DELETE|PATCH)\b/g),
    ].map((m) => m[1]!.toLowerCase());
    return [{ path, methods }];
  });
}

const ajv = new Ajv2020({ strict: false, validateFormats: false });
ajv.addSchema({ $id: 'stockrush', components: doc.components });

/** Checks a real answer of `method path` against the document's schema for its status. */
async function expectValid(path: string, method: string, res: Response): Promise<void> {
  const answer = doc.paths[path]?.[method]?.responses[String(res.status)];
  expect(answer, `${method} ${path} ${res.status} is documented`).toBeDefined();
  const schema = answer?.content?.['application/json']?.schema;
  if (!schema) return;
  const resolved = JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/', '"stockrush#/components/'),
  ) as object;
  const validate = ajv.compile(resolved);
  const body: unknown = await res.json();
  expect(
    validate(body),
    `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}`,
  ).toBe(true);
}

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 and documents exactly the routes the app has, method by method', () => {
    expect(doc).toMatchObject({ openapi: '3.1.0' });
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(10);
    for (const { path, methods } of routes) {
      expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
    expect(Object.keys(doc.paths).sort()).toEqual(routes.map((r) => r.path).sort());
  });

  it("validates the app's real answers against the published schemas", async () => {
    const sku = await createProduct(1, 1);
    const shopper = await shopperCookie();
    const admin = await adminCookie();
    const buy = () =>
      purchaseRoute(
        req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie: shopper } }),
        params(sku),
      );
    await expectValid('/api/products/{sku}/purchase', 'post', await buy());
    await expectValid('/api/products/{sku}/purchase', 'post', await buy());
    await expectValid('/api/products', 'get', await productsRoute(req('/api/products')));
    await expectValid(
      '/api/products/{sku}',
      'get',
      await productRoute(req(`/api/products/${sku}`), params(sku)),
    );
    await expectValid(
      '/api/products/{sku}',
      'get',
      await productRoute(req('/api/products/nope'), params('nope')),
    );
    await expectValid('/api/log', 'get', await logRoute(req(`/api/log?sku=${sku}`)));
    await expectValid('/api/log', 'get', await logRoute(req('/api/log?limit=0')));
    await expectValid('/api/stats', 'get', await statsRoute(req('/api/stats')));
    await expectValid('/api/snapshot', 'get', await snapshotRoute(req('/api/snapshot')));
    await expectValid(
      '/api/session',
      'post',
      await sessionRoute(req('/api/session', { method: 'POST' })),
    );
    await expectValid('/api/health', 'get', await healthRoute());
    const asAdmin = { headers: { cookie: admin } };
    await expectValid(
      '/api/admin/audit',
      'get',
      await auditRoute(req('/api/admin/audit', asAdmin)),
    );
    await expectValid(
      '/api/admin/products/{sku}/restock',
      'post',
      await restockRoute(
        req(`/api/admin/products/${sku}/restock`, { method: 'POST', json: { add: 2 }, ...asAdmin }),
        params(sku),
      ),
    );
    await expectValid(
      '/api/admin/products/{sku}',
      'put',
      await upsertRoute(
        req(`/api/admin/products/${sku}`, {
          method: 'PUT',
          json: {
            name: 'Renamed',
            priceCents: 5,
            stock: 0,
            limitPerShopper: 1,
            purchaseMode: 'plain',
          },
          ...asAdmin,
        }),
        params(sku),
      ),
    );
  });

  it("validates the hold routes' real answers against the published schemas", async () => {
    const sku = await createHoldProduct(2, { limitPerShopper: 2 });
    const instant = await createProduct(1);
    const cookie = await shopperCookie();
    const admin = await adminCookie();
    const at = (id = '', orderId = '') => ({ params: Promise.resolve({ sku, id, orderId }) });
    const post = (path: string, headers: Record<string, string> = { cookie }) =>
      req(path, { method: 'POST', headers });
    const place = () => holdsRoute(post(`/api/products/${sku}/holds`), at());
    const first = await place();
    const { hold } = (await first.clone().json()) as { hold: { id: string } };
    await expectValid('/api/products/{sku}/holds', 'post', first);
    const second = await place();
    const other = ((await second.clone().json()) as { hold: { id: string } }).hold.id;
    await expectValid('/api/products/{sku}/holds', 'post', second);
    await expectValid('/api/products/{sku}/holds', 'post', await place());
    await expectValid(
      '/api/products/{sku}/holds',
      'post',
      await holdsRoute(post(`/api/products/${instant}/holds`), params(instant)),
    );
    await expectValid(
      '/api/products/{sku}/purchase',
      'post',
      await purchaseRoute(post(`/api/products/${sku}/purchase`), params(sku)),
    );
    await expectValid(
      '/api/products/{sku}/holds/{id}',
      'get',
      await holdRoute(
        req(`/api/products/${sku}/holds/${hold.id}`, { headers: { cookie } }),
        at(hold.id),
      ),
    );
    const order = () =>
      orderRoute(post(`/api/products/${sku}/holds/${hold.id}/order`), at(hold.id));
    const ordered = await order();
    const { orderId } = (await ordered.clone().json()) as { orderId: string };
    await expectValid('/api/products/{sku}/holds/{id}/order', 'post', ordered);
    await expectValid('/api/products/{sku}/holds/{id}/order', 'post', await order());
    await expectValid(
      '/api/products/{sku}/holds/{id}/cancel',
      'post',
      await cancelRoute(post(`/api/products/${sku}/holds/${hold.id}/cancel`), at(hold.id)),
    );
    await expectValid('/api/me', 'get', await meRoute(req('/api/me', { headers: { cookie } })));
    const asAdmin = { cookie: admin };
    await expectValid(
      '/api/admin/products/{sku}/holds',
      'get',
      await adminHoldsRoute(req(`/api/admin/products/${sku}/holds`, { headers: asAdmin }), at()),
    );
    await expectValid(
      '/api/admin/products/{sku}/holds/{id}/release',
      'post',
      await releaseRoute(
        post(`/api/admin/products/${sku}/holds/${other}/release`, asAdmin),
        at(other),
      ),
    );
    await expectValid(
      '/api/admin/products/{sku}/orders',
      'get',
      await ordersRoute(req(`/api/admin/products/${sku}/orders`, { headers: asAdmin }), at()),
    );
    const refund = () =>
      refundRoute(
        post(`/api/admin/products/${sku}/orders/${orderId}/cancel`, asAdmin),
        at('', orderId),
      );
    await expectValid('/api/admin/products/{sku}/orders/{orderId}/cancel', 'post', await refund());
    await expectValid('/api/admin/products/{sku}/orders/{orderId}/cancel', 'post', await refund());
  });
});
