import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Lanyard', template: '%s · Lanyard' },
  description: 'Find an API, subscribe an app, leave with credentials that work.',
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '48x48' },
      { url: '/logo-mark.svg', type: 'image/svg+xml' },
    ],
  },
};

// Every page is rendered per request: its scripts carry that response's CSP
// nonce (lib/http/security-headers.ts), which a page built ahead of time could not.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
