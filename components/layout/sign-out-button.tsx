'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { announceSignOut } from '@/lib/client/auth';

/** Ends the portal session, then the IdP's (RP-initiated logout). */
export function SignOutButton({ idpLogoutUrl }: { idpLogoutUrl?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // The IdP then ends its session without asking again; if the call fails, it asks.
        void announceSignOut()
          .catch(() => undefined)
          .finally(() => void signOut({ callbackUrl: idpLogoutUrl ?? '/' }));
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </Button>
  );
}
