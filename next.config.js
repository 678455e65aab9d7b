/** @type {import('next').NextConfig} */
const nextConfig = {
  // ioredis opens sockets and must run in Node, unbundled.
  serverExternalPackages: ['ioredis', 'prom-client', 'generic-pool', 'rate-limiter-flexible'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
