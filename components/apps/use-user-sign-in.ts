'use client';

import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import type { AppDetail } from '@/lib/apps/app-detail';
import { redeemCode } from '@/lib/client/apps';
import { signInWithPopup } from '@/lib/client/oauth-sign-in';

/**
 * Signs the current person in to one of their web, spa or native apps, in a
 * pop-up (Authorization Code + PKCE through the console's redirect URI), and
 * redeems the code as the app. Asks for every approved product's scope, or
 * for one product (with its RFC 8707 resource where the IdP has them).
 */
export function useUserSignIn(app: AppDetail | undefined) {
  const abort = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ apiProductId, clientSecret }: { apiProductId?: string; clientSecret?: string }) => {
      if (!app?.credentials.clientId) throw new Error('This application has no client in the identity provider');
      if (!app.redirectUris.includes(app.consoleRedirectUri)) {
        throw new Error(`Register the console’s redirect URI ${app.consoleRedirectUri} on this app first (its page, Sign-in settings).`);
      }
      const approved = app.subscriptions.filter((s) => s.status === 'approved');
      const products = apiProductId ? approved.filter((s) => s.product.apiProductId === apiProductId) : approved;
      abort.current?.abort();
      abort.current = new AbortController();
      const result = await signInWithPopup(
        {
          authorizationEndpoint: app.credentials.authorizationEndpoint,
          clientId: app.credentials.clientId,
          redirectUri: app.consoleRedirectUri,
          scope: [...app.credentials.userScopes, ...products.map((s) => s.product.scope)].join(' '),
          resource: apiProductId && app.credentials.resourceIndicators ? products[0]?.product.resourceIndicator : undefined,
        },
        abort.current.signal,
      );
      return redeemCode(app.id, { ...result, clientSecret: clientSecret || undefined });
    },
  });
  return { ...mutation, cancel: () => abort.current?.abort() };
}
