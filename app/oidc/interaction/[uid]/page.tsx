import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { ConsentForm } from '@/components/idp/consent-form';
import { SignInForm } from '@/components/idp/sign-in-form';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Logo } from '@/components/ui/logo';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { cookieNames, embeddedProvider, interactionView } from '@/lib/idp/embedded';

// The embedded IdP's sign-in and consent page. Only this GET is a Next page:
// the form posts to /oidc/interaction/:uid/{login,consent,abort}, which
// server.ts hands to the provider (lib/idp/embedded/http/interaction-actions.ts
// checks the password and finishes the interaction). The whole path is in
// docs/architecture.md, "The embedded IdP".

export const metadata: Metadata = { title: 'Lanyard ID' };

export default async function InteractionPage({
  params,
  searchParams,
}: {
  params: Promise<{ uid: string }>;
  searchParams: Promise<{ error?: string; email?: string }>;
}) {
  const [{ uid }, query, jar] = await Promise.all([params, searchParams, cookies()]);
  const view = await interactionView(await embeddedProvider(), uid, jar.get(cookieNames(env().LANYARD_URL).interaction)?.value, db());
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-6 bg-slate-50 px-6">
      <Logo label="Lanyard ID" />
      <Card className="w-full max-w-sm p-8">
        {!view ? (
          <div role="alert" className="space-y-4">
            <h1 className="text-xl font-semibold">This sign-in has expired</h1>
            <p className="text-sm text-slate-600">Sign-in pages last ten minutes and only work in the browser that opened them.</p>
            <ButtonLink href="/signin">Start again</ButtonLink>
          </div>
        ) : view.prompt === 'login' ? (
          <SignInForm uid={uid} clientName={view.clientName} email={query.email ?? view.loginHint} failed={query.error === 'credentials'} />
        ) : (
          <ConsentForm uid={uid} clientName={view.clientName} scopes={view.scopes} products={view.products} />
        )}
      </Card>
      <p className="text-xs text-slate-500">Lanyard ID · the portal’s built-in identity provider</p>
    </div>
  );
}
