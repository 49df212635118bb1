import type { Metadata } from 'next';
import { OAuthCallback } from '@/components/apps/oauth-callback';

// Where the IdP sends the try-it console's sign-in pop-up back to
// (lib/client/oauth-sign-in.ts). An application may register it as one of its
// redirect URIs to try its APIs with the owner's own sign-in.

export const metadata: Metadata = { title: 'Signing in…' };

export default function TryItCallbackPage() {
  return <OAuthCallback />;
}
