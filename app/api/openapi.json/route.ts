import { openApiDocument } from '@/lib/openapi';

/** The API's OpenAPI 3.1 document; it changes only with a deploy, so anyone may cache it briefly. */
const body = JSON.stringify(openApiDocument());

export function GET(): Response {
  return new Response(body, {
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=60' },
  });
}
