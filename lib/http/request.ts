import type { z } from 'zod';
import { appContext } from '@/lib/redis/client';
import { RefusalError } from './handler';
import { edgeView } from './edge';
import { errorJson, type FieldIssue } from './responses';

/** Bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

function invalid(message: string, issues: FieldIssue[] = []): RefusalError {
  return new RefusalError(errorJson(400, 'invalid_request', message, { issues }));
}

function tooLarge(): RefusalError {
  return new RefusalError(
    errorJson(413, 'payload_too_large', `The body must be at most ${MAX_BODY_BYTES} bytes.`),
  );
}

/** Maps zod issues to `{ path, message }` for the error body. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Validates `value` with `schema`, or throws a 400 listing the fields. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'body',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(`The ${what} is invalid.`, fieldIssues(result.error));
  return result.data;
}

function unsupportedMedia(): RefusalError {
  return new RefusalError(
    errorJson(
      415,
      'unsupported_media_type',
      'Send the body as JSON (Content-Type: application/json).',
    ),
  );
}

/** True for `application/json` and `application/*+json`, with or without parameters. */
export function isJsonType(contentType: string | null): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * The body's bytes, at most `maxBytes` (declared or streamed); past that `tooBig()` is thrown
 * and the rest is never read.
 */
export async function readBodyBytes(
  request: Request,
  maxBytes: number,
  tooBig: () => Error,
): Promise<Buffer> {
  const length = request.headers.get('content-length');
  if (length !== null && Number(length) > maxBytes) throw tooBig();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readCapped(request: Request): Promise<string> {
  const length = request.headers.get('content-length');
  // A declared length within the cap is enforced by the HTTP parser: read it in one go.
  if (length !== null && Number(length) <= MAX_BODY_BYTES && request.body) return request.text();
  return (await readBodyBytes(request, MAX_BODY_BYTES, tooLarge)).toString('utf8');
}

/**
 * Reads a JSON body of at most 16 KiB and validates it. An empty body counts as `{}` when
 * `emptyAsObject` (routes whose every field is optional); a body whose Content-Type is not JSON
 * is a 415, and one that does not parse a 400.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  { emptyAsObject = false } = {},
): Promise<z.infer<S>> {
  const text = await readCapped(request);
  if (text.trim() === '' && emptyAsObject) return parseWith(schema, {});
  // Only JSON is read as JSON: a form or text/plain body is what a cross-site form can send.
  if (!isJsonType(request.headers.get('content-type'))) throw unsupportedMedia();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('The body must be JSON.');
  }
  return parseWith(schema, value);
}

/** The value of cookie `name`, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The app's own origin: APP_ORIGIN, else scheme and host as the edge saw them. */
export function ownOrigin(request: Request): string {
  const configured = appContext().config.APP_ORIGIN;
  if (configured) return configured.toLowerCase();
  const edge = edgeView(request);
  const host = edge?.host ?? request.headers.get('host') ?? new URL(request.url).host;
  return `${edge?.proto ?? new URL(request.url).protocol.slice(0, -1)}://${host}`.toLowerCase();
}

/** True when the request came over https (directly or through a trusted proxy). */
export function isHttps(request: Request): boolean {
  const edge = edgeView(request);
  return edge ? edge.proto === 'https' : new URL(request.url).protocol === 'https:';
}

function forbiddenOrigin(): RefusalError {
  return new RefusalError(
    errorJson(403, 'forbidden_origin', 'This request must come from the Stockrush site itself.'),
  );
}

/** The origin of a URL as a browser writes it (scheme://host[:port]), or undefined. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? undefined : url.origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The CSRF rule of a state-changing request: an `Origin` other than the app's own (scheme and host)
 * is a 403; a request that carries a cookie must also show it comes from the site itself, by a
 * matching `Origin` or `Sec-Fetch-Site: same-origin`. A request without cookie and without
 * `Origin` (a non-browser client's first call) passes. Comes before any session check.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (originOf(origin) !== ownOrigin(request)) throw forbiddenOrigin();
    return;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) {
    if (site !== 'same-origin') throw forbiddenOrigin();
    return;
  }
  if (request.headers.get('cookie')) throw forbiddenOrigin();
}

/** The client's address as the edge decided it (socket, or trusted proxy), for rate limits. */
export function clientIp(request: Request): string {
  return edgeView(request)?.client ?? 'unverified';
}
