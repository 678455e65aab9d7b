import { z } from 'zod';
import {
  adminHoldsBodySchema,
  adminOrdersBodySchema,
  holdCancelResponseSchema,
  holdConflictSchema,
  holdOrderResponseSchema,
  holdReadBodySchema,
  holdRequestSchema,
  holdResponseSchema,
  refundResponseSchema,
  apiErrorSchema,
  auditSchema,
  healthBodySchema,
  logBodySchema,
  meBodySchema,
  productSchema,
  productsBodySchema,
  purchaseResponseSchema,
  sessionBodySchema,
  snapshotBodySchema,
  statsSchema,
  versionConflictSchema,
  idempotencyKeySchema,
  ifMatchSchema,
  loginBodySchema,
  logQuerySchema,
  pageQuerySchema,
  productBodySchema,
  purchaseBodySchema,
  notAdmittedSchema,
  queueAdminSchema,
  queueChallengeSchema,
  queueJoinBodySchema,
  queueSettingsBodySchema,
  queueStatusSchema,
  queueTicketsBodySchema,
  restockBodySchema,
  ticketBodySchema,
  skuSchema,
} from '@/lib/api-schemas';

type Method = 'get' | 'post' | 'put' | 'delete';

/** One answer of an operation: a JSON body (a zod schema), an error body, or none. */
type Answer = {
  description: string;
  body?: z.ZodType;
  error?: true;
  text?: true;
  /** Raw image bytes (PNG, JPEG or WebP). */
  image?: true;
};

type Operation = {
  summary: string;
  /** Who may call it: anyone, a shopper session, an admin session. */
  access?: 'shopper' | 'admin';
  body?: z.ZodType;
  query?: z.ZodObject;
  headers?: Record<string, z.ZodType>;
  answers: Record<number, Answer>;
};

const error = (description: string): Answer => ({ description, error: true });
const ok = (body: z.ZodType, description = 'OK'): Answer => ({ description, body });
const none = (description: string): Answer => ({ description });

/** Errors every route may answer; docs/API.md "Errors" says when. */
const COMMON = { 429: error('rate_limited'), 503: error('redis_unavailable (Retry-After set)') };
const WRITE = {
  400: error('invalid_request'),
  403: error('forbidden_origin'),
  413: error('payload_too_large'),
};

/** Every route of the API: the source of the document, checked against app/api by a test. */
export const API: Record<string, Partial<Record<Method, Operation>>> = {
  '/api/products': {
    get: {
      summary: 'The catalogue (public, cacheable)',
      answers: { 200: ok(productsBodySchema), 304: none('Not modified'), ...COMMON },
    },
  },
  '/api/products/{sku}': {
    get: {
      summary: 'One product (public, cacheable)',
      answers: {
        200: ok(productSchema),
        304: none('Not modified'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/products/{sku}/purchase': {
    post: {
      summary: 'Buy through the watched transaction',
      access: 'shopper',
      body: purchaseBodySchema,
      headers: { 'Idempotency-Key': idempotencyKeySchema },
      answers: {
        200: ok(purchaseResponseSchema, 'purchased'),
        409: {
          description:
            'sold_out, all_in_carts, insufficient_stock, limit_reached, not_started, ended; or hold_required as an error body (the product is held at checkout: POST …/holds)',
          body: z.union([purchaseResponseSchema, apiErrorSchema]),
        },
        503: ok(
          purchaseResponseSchema,
          'contention (Retry-After set), or redis_unavailable as an error body',
        ),
        ...WRITE,
        401: error('no_session'),
        404: error('not_found'),
        403: ok(
          notAdmittedSchema,
          'not_admitted: the product sells through its waiting room and this session is not admitted now (position, reason); or forbidden_origin as an error body',
        ),
        422: error('idempotency_mismatch'),
        429: COMMON[429],
      },
    },
  },
  '/api/products/{sku}/holds': {
    post: {
      summary:
        'Hold units at checkout (checkout mode hold): through the same watched transaction, limit and Idempotency-Key as a purchase',
      access: 'shopper',
      body: holdRequestSchema,
      headers: { 'Idempotency-Key': idempotencyKeySchema },
      answers: {
        200: ok(holdResponseSchema, 'held (replay: true for a repeated Idempotency-Key)'),
        409: {
          description:
            'sold_out, all_in_carts, insufficient_stock, limit_reached, not_started, ended (a hold response); or wrong_checkout_mode as an error body (the product is bought at once)',
          body: z.union([holdResponseSchema, apiErrorSchema]),
        },
        503: ok(
          holdResponseSchema,
          'contention (Retry-After set), or redis_unavailable as an error body',
        ),
        ...WRITE,
        401: error('no_session'),
        404: error('not_found'),
        422: error('idempotency_mismatch'),
        429: COMMON[429],
      },
    },
  },
  '/api/products/{sku}/holds/{id}': {
    get: {
      summary: "One of this shopper's holds as it is now (private, no-store)",
      access: 'shopper',
      answers: {
        200: ok(holdReadBodySchema),
        401: error('no_session'),
        403: error('not_your_hold'),
        404: error('not_found (SKU) or hold_not_found'),
        ...COMMON,
      },
    },
  },
  '/api/products/{sku}/holds/{id}/order': {
    post: {
      summary: 'Place order: the hold becomes an order, exactly once (a repeat is a replay)',
      access: 'shopper',
      answers: {
        200: ok(holdOrderResponseSchema, 'ordered (replay: true when it was already)'),
        409: ok(holdConflictSchema, 'hold_expired or hold_cancelled, with the hold as it is'),
        401: error('no_session'),
        403: error('forbidden_origin or not_your_hold'),
        404: error('not_found (SKU) or hold_not_found'),
        ...COMMON,
        503: error('contention or redis_unavailable (Retry-After set)'),
      },
    },
  },
  '/api/products/{sku}/holds/{id}/cancel': {
    post: {
      summary: 'Cancel a hold: its units go back on sale, exactly once (a repeat is a replay)',
      access: 'shopper',
      answers: {
        200: ok(holdCancelResponseSchema, 'cancelled (replay: true when it was already)'),
        409: ok(holdConflictSchema, 'hold_ordered or hold_expired, with the hold as it is'),
        401: error('no_session'),
        403: error('forbidden_origin or not_your_hold'),
        404: error('not_found (SKU) or hold_not_found'),
        ...COMMON,
        503: error('contention or redis_unavailable (Retry-After set)'),
      },
    },
  },
  '/api/products/{sku}/image': {
    get: {
      summary: 'The product image (public; a year with its ?v= version, else a minute)',
      answers: {
        200: { description: 'The image bytes', image: true },
        304: none('Not modified'),
        404: error('not_found (no such product, or no image)'),
        ...COMMON,
      },
    },
  },
  '/api/log': {
    get: {
      summary: 'The conflict/retry log, newest first (public, cacheable)',
      query: logQuerySchema,
      answers: {
        200: ok(logBodySchema),
        304: none('Not modified'),
        400: error('invalid_request'),
        ...COMMON,
      },
    },
  },
  '/api/stats': {
    get: {
      summary: 'Totals since the last reset (public, cacheable)',
      answers: { 200: ok(statsSchema), 304: none('Not modified'), ...COMMON },
    },
  },
  '/api/snapshot': {
    get: {
      summary: 'Products, stats and the newest log entries in one answer (public, cacheable)',
      query: logQuerySchema,
      answers: {
        200: ok(snapshotBodySchema),
        304: none('Not modified'),
        400: error('invalid_request'),
        ...COMMON,
      },
    },
  },
  '/api/session': {
    post: {
      summary: 'Start (or keep) a shopper session; sets its cookie',
      answers: { 200: ok(sessionBodySchema), 403: error('forbidden_origin'), ...COMMON },
    },
  },
  '/api/me': {
    get: {
      summary: "This shopper's own units per product and holds (private, no-store)",
      access: 'shopper',
      answers: { 200: ok(meBodySchema), 401: error('no_session'), ...COMMON },
    },
  },
  '/api/admin/login': {
    post: {
      summary: 'Log in as admin; sets the admin cookie',
      body: loginBodySchema,
      answers: { 204: none('Logged in'), ...WRITE, 401: error('unauthorized'), ...COMMON },
    },
  },
  '/api/admin/logout': {
    post: {
      summary: 'End the admin session',
      answers: { 204: none('Logged out'), 403: error('forbidden_origin') },
    },
  },
  '/api/admin/products/{sku}': {
    get: {
      summary: 'One product as an admin edits it; ETag: its version',
      access: 'admin',
      answers: {
        200: ok(productSchema, 'the product; ETag: "<version>"'),
        401: error('unauthorized'),
        404: error('not_found'),
        ...COMMON,
      },
    },
    put: {
      summary:
        'Create a product (201) or update it (200; stock ignored); with If-Match only if its version is still that one',
      access: 'admin',
      body: productBodySchema,
      headers: { 'If-Match': ifMatchSchema },
      answers: {
        200: ok(productSchema, 'updated; ETag: the new version'),
        201: ok(productSchema, 'created; ETag: its version'),
        ...WRITE,
        401: error('unauthorized'),
        404: error('not_found (a SKU that cannot be one)'),
        409: ok(
          versionConflictSchema,
          'changed_since_read: If-Match is not the version now; current is the product now (null: deleted), ETag its version',
        ),
        ...COMMON,
      },
    },
    delete: {
      summary: 'Delete a product without orders',
      access: 'admin',
      answers: {
        204: none('Deleted'),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        404: error('not_found'),
        409: error('has_orders (archive it instead)'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/archive': {
    post: {
      summary: 'End the sale now and take the product off the storefront; orders stay',
      access: 'admin',
      answers: {
        200: ok(productSchema),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/image': {
    put: {
      summary: 'Set the product image: raw PNG, JPEG or WebP bytes, at most 512 KiB',
      access: 'admin',
      answers: {
        200: ok(productSchema),
        400: error('invalid_request (not a PNG, JPEG or WebP)'),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        404: error('not_found'),
        413: error('payload_too_large'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/holds': {
    get: {
      summary: "One page of the product's live holds, soonest expiry first",
      access: 'admin',
      query: pageQuerySchema,
      answers: {
        200: ok(adminHoldsBodySchema),
        400: error('invalid_request (limit or cursor)'),
        401: error('unauthorized'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/holds/{id}/release': {
    post: {
      summary: "Release a shopper's hold (like its Cancel, endedBy admin)",
      access: 'admin',
      answers: {
        200: ok(holdCancelResponseSchema, 'cancelled (replay: true when it was already)'),
        409: ok(holdConflictSchema, 'hold_ordered or hold_expired, with the hold as it is'),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        404: error('hold_not_found'),
        ...COMMON,
        503: error('contention or redis_unavailable (Retry-After set)'),
      },
    },
  },
  '/api/admin/products/{sku}/orders': {
    get: {
      summary: "One page of the product's orders, newest first, placed or cancelled",
      access: 'admin',
      query: pageQuerySchema,
      answers: {
        200: ok(adminOrdersBodySchema),
        400: error('invalid_request (limit or cursor)'),
        401: error('unauthorized'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/orders/{orderId}/cancel': {
    post: {
      summary: 'Cancel an order (a refund): its units go back on sale exactly once',
      access: 'admin',
      answers: {
        200: ok(refundResponseSchema),
        409: error('order_cancelled (refunded already)'),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        404: error('order_not_found'),
        ...COMMON,
        503: error('contention or redis_unavailable (Retry-After set)'),
      },
    },
  },
  '/api/admin/archived': {
    get: {
      summary: 'Archived products, latest end first',
      access: 'admin',
      answers: { 200: ok(productsBodySchema), 401: error('unauthorized'), ...COMMON },
    },
  },
  '/api/admin/products/{sku}/restock': {
    post: {
      summary:
        'Add stock in a watched transaction; If-Match optional (adding leaves the version), honoured when sent',
      access: 'admin',
      body: restockBodySchema,
      headers: { 'If-Match': ifMatchSchema },
      answers: {
        200: ok(productSchema, 'the product; ETag: its version'),
        409: ok(
          versionConflictSchema,
          'changed_since_read: If-Match sent and stale; nothing added',
        ),
        ...WRITE,
        401: error('unauthorized'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/admin/reset': {
    post: {
      summary: 'Remove everything and load the demo catalogue',
      access: 'admin',
      answers: {
        204: none('Reset'),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        ...COMMON,
      },
    },
  },
  '/api/admin/audit': {
    get: {
      summary: 'Check every product against its stored orders',
      access: 'admin',
      answers: { 200: ok(auditSchema), 401: error('unauthorized'), ...COMMON },
    },
  },
  '/api/health': {
    get: {
      summary: 'Whether the store answers',
      answers: { 200: ok(healthBodySchema), 503: ok(healthBodySchema, 'Redis is down') },
    },
  },
  '/api/metrics': {
    get: {
      summary: 'Prometheus metrics (text format)',
      answers: { 200: { description: 'Prometheus text', text: true } },
    },
  },
  '/api/products/{sku}/queue': {
    get: {
      summary:
        'The waiting room: state, admitted so far, rate, seed hash or seed (public, cacheable)',
      answers: {
        200: ok(queueStatusSchema),
        304: none('Not modified'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/products/{sku}/queue/tickets': {
    get: {
      summary:
        'The seed and the pre-start tickets in rank order, for the verifier (public, cacheable)',
      answers: {
        200: ok(queueTicketsBodySchema),
        304: none('Not modified'),
        404: error('not_found (no such product, or no waiting room)'),
        409: error('not_revealed (before the start)'),
        ...COMMON,
      },
    },
  },
  '/api/products/{sku}/queue/join': {
    post: {
      summary: "Take this session's one ticket (a repeat answers the same ticket)",
      access: 'shopper',
      body: queueJoinBodySchema,
      answers: {
        200: ok(ticketBodySchema),
        ...WRITE,
        401: error('no_session'),
        403: error('pow_required, pow_invalid (or forbidden_origin)'),
        404: error('not_found'),
        409: error('queue_not_open (the body carries the state)'),
        ...COMMON,
        503: error('contention or redis_unavailable'),
      },
    },
  },
  '/api/products/{sku}/queue/ticket': {
    get: {
      summary: "This session's ticket (private, no-store)",
      access: 'shopper',
      answers: {
        200: ok(ticketBodySchema),
        401: error('no_session'),
        404: error('no_ticket (or not_found)'),
        ...COMMON,
      },
    },
  },
  '/api/products/{sku}/queue/challenge': {
    get: {
      summary: "This session's proof-of-work challenge and the difficulty asked (private)",
      access: 'shopper',
      answers: {
        200: ok(queueChallengeSchema),
        401: error('no_session'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/queue': {
    get: {
      summary: 'The waiting room as the admin panel shows it: status, waiting, admitted, active',
      access: 'admin',
      answers: {
        200: ok(queueAdminSchema),
        401: error('unauthorized'),
        404: error('not_found'),
        ...COMMON,
      },
    },
    put: {
      summary:
        'Switch the waiting room on or off and set its settings; a rate change re-anchors admission',
      access: 'admin',
      body: queueSettingsBodySchema,
      answers: {
        200: ok(queueAdminSchema),
        ...WRITE,
        401: error('unauthorized'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/queue/pause': {
    post: {
      summary: 'Stop admitting at the count reached',
      access: 'admin',
      answers: {
        200: ok(queueAdminSchema),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/admin/products/{sku}/queue/resume': {
    post: {
      summary: 'Admit again from the count reached, at the rate',
      access: 'admin',
      answers: {
        200: ok(queueAdminSchema),
        401: error('unauthorized'),
        403: error('forbidden_origin'),
        404: error('not_found'),
        ...COMMON,
      },
    },
  },
  '/api/openapi.json': {
    get: { summary: 'This document', answers: { 200: { description: 'OpenAPI 3.1 document' } } },
  },
};

/** A zod schema as an OpenAPI 3.1 schema (JSON Schema 2020-12, without its own $schema). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const document: Record<string, unknown> = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  delete document.$schema;
  return document;
}

function parameters(path: string, op: Operation): unknown[] {
  const list: unknown[] = [];
  if (path.includes('{sku}')) {
    list.push({ name: 'sku', in: 'path', required: true, schema: jsonSchema(skuSchema) });
  }
  for (const name of ['id', 'orderId']) {
    if (path.includes(`{${name}}`)) {
      list.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
    list.push({
      name,
      in: 'query',
      required: false,
      schema: jsonSchema(schema as z.ZodType, 'input'),
    });
  }
  for (const [name, schema] of Object.entries(op.headers ?? {})) {
    list.push({ name, in: 'header', required: false, schema: jsonSchema(schema, 'input') });
  }
  return list;
}

function responses(op: Operation): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(op.answers).map(([status, answer]) => {
      const content = answer.error
        ? { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
        : answer.body
          ? { 'application/json': { schema: jsonSchema(answer.body) } }
          : answer.text
            ? { 'text/plain': { schema: { type: 'string' } } }
            : answer.image
              ? Object.fromEntries(
                  ['image/png', 'image/jpeg', 'image/webp'].map((type) => [
                    type,
                    { schema: { type: 'string', contentMediaType: type } },
                  ]),
                )
              : undefined;
      return [status, { description: answer.description, ...(content ? { content } : {}) }];
    }),
  );
}

/** The OpenAPI 3.1 document of the whole API, generated from the same zod schemas the routes use. */
export function openApiDocument(): Record<string, unknown> {
  const paths = Object.fromEntries(
    Object.entries(API).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, op]) => [
          method,
          {
            summary: op.summary,
            ...(op.access ? { security: [{ [op.access]: [] }] } : {}),
            parameters: parameters(path, op),
            ...(op.body
              ? {
                  requestBody: {
                    required: false,
                    content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
                  },
                }
              : {}),
            responses: responses(op),
          },
        ]),
      ),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stockrush',
      version: '1',
      description:
        'Flash-sale API: every unit sold exactly once through a watched Redis transaction. docs/API.md is the prose contract.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(apiErrorSchema) },
      securitySchemes: {
        shopper: { type: 'apiKey', in: 'cookie', name: 'sr_shopper' },
        admin: { type: 'apiKey', in: 'cookie', name: 'sr_admin' },
      },
    },
  };
}
