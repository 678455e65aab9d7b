import type { z } from 'zod';
import { HttpError } from './handler';
import { errorJson, type FieldIssue } from './responses';

/** Bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

function invalid(message: string, issues: FieldIssue[] = []): HttpError {
  return new HttpError(errorJson(400, 'invalid_request', message, { issues }));
}

function tooLarge(): HttpError {
  return new HttpError(
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

async function readCapped(request: Request): Promise<string> {
  const length = request.headers.get('content-length');
  if (length !== null && Number(length) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  // A declared length within the cap is enforced by the HTTP parser: read it in one go.
  if (length !== null) return request.text();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a JSON body of at most 16 KiB and validates it. An empty body counts as `{}` when
 * `emptyAsObject` (routes whose every field is optional); anything that is not JSON is a 400.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  { emptyAsObject = false } = {},
): Promise<z.infer<S>> {
  const text = await readCapped(request);
  if (text.trim() === '' && emptyAsObject) return parseWith(schema, {});
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

/** The app's own origin as the request reached it (behind a proxy, its forwarded host). */
function ownHost(request: Request): string {
  return (
    request.headers.get('x-forwarded-host') ??
    request.headers.get('host') ??
    new URL(request.url).host
  );
}

/** True when the request came over https (directly or through a proxy). */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto');
  if (forwarded) return forwarded.split(',')[0]?.trim() === 'https';
  return new URL(request.url).protocol === 'https:';
}

/**
 * Refuses a state-changing request whose `Origin` is another site's (403). A request without
 * `Origin` is a non-browser client and passes. Comes before any session check.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin === null) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== ownHost(request)) {
    throw new HttpError(
      errorJson(403, 'forbidden_origin', 'This request must come from the Stockrush site itself.'),
    );
  }
}

/** The client's address as the server saw it (first X-Forwarded-For hop), for rate limits. */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip') || 'unknown';
}
