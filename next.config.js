// The static security headers of every answer live here (e2e/security.spec.ts checks them on real
// answers); the per-request CSP of pages is set by proxy.ts (lib/http/security-headers.ts).
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const HSTS = 'max-age=63072000; includeSubDomains';

const list = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // ioredis opens sockets and must run in Node, unbundled.
  serverExternalPackages: ['ioredis', 'prom-client', 'generic-pool', 'rate-limiter-flexible'],
  poweredByHeader: false,
  // Nothing uses next/image: its optimizer (/_next/image) would only let anyone spend server CPU
  // decoding and resizing images. Unoptimized, Next answers it with 404 (nginx blocks it as well).
  images: { unoptimized: true },
  reactStrictMode: true,
  async headers() {
    return [
      { source: '/:path*', headers: list(COMMON_HEADERS) },
      { source: '/api/:path*', headers: list({ 'Content-Security-Policy': API_CSP }) },
      {
        // The edge (lib/http/edge.ts) sets x-forwarded-proto from the socket or a trusted proxy only.
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: list({ 'Strict-Transport-Security': HSTS }),
      },
    ];
  },
};

export default nextConfig;
