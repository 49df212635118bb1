'use client';

import { useEffect } from 'react';
import { CALLBACK_CHANNEL, type CallbackMessage } from '@/lib/client/oauth-sign-in';

/** Hands the IdP's answer (code or error, with state) to the page that opened the sign-in, then closes. */
export function OAuthCallback() {
  useEffect(() => {
    const channel = new BroadcastChannel(CALLBACK_CHANNEL);
    channel.postMessage({ search: window.location.search } satisfies CallbackMessage);
    channel.close();
    // The code is single-use and bound to the opener's verifier; drop it from this window's history.
    window.history.replaceState(null, '', window.location.pathname);
    const t = setTimeout(() => window.close(), 300);
    return () => clearTimeout(t);
  }, []);
  return (
    <main className="flex min-h-screen items-center justify-center p-6 text-sm text-slate-600">
      <p role="status">Finishing the sign-in… This window closes by itself.</p>
    </main>
  );
}
