import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Vigil', template: '%s · Vigil' },
  description: 'Vendor and insider-risk management',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page (404 included) render per request, so Next.js can put
  // this request's CSP nonce (set by proxy.ts) on its scripts; a prerendered page would have none.
  await headers();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
