import type { NextConfig } from 'next';

const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM packages load their own files at runtime; keep them out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres', 'pdfkit'],
  // TAXII 2.1 discovery lives at /taxii2/ (docs/IMPOSTORS.md §TAXII 2.1 server); the handlers are
  // API routes, so the sign-in redirect of proxy.ts never sees them.
  async rewrites() {
    return [
      { source: '/taxii2', destination: '/api/taxii2' },
      { source: '/taxii2/:path*', destination: '/api/taxii2/:path*' },
    ];
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Signing and unsubscribe links are credentials: never sent on as a referrer, never
      // indexed (last wins).
      ...['/attest/:token', '/unsubscribe/:token'].map((source) => ({
        source,
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
          { key: 'Cache-Control', value: 'no-store' },
        ],
      })),
    ];
  },
};

export default config;
