import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInButton } from '@/components/auth/sign-in-button';
import { Card } from '@/components/ui/card';
import { currentUser } from '@/lib/auth/current-user';
import { safeCallbackPath } from '@/lib/auth/safe-callback';
import { signInProviderInfo } from '@/lib/auth/signin-providers';
import { demoMode, env } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  // next-auth sends failed sign-ins back here with ?error=<code>: explain it on the error page.
  if (typeof params.error === 'string' && /^\w{1,40}$/.test(params.error)) redirect(`/auth/error?error=${params.error}`);
  if (await currentUser()) redirect(callbackUrl);
  const provider = signInProviderInfo(env());
  return (
    <Card className="p-8">
      <h1 className="text-xl font-semibold">Sign in to Lanyard</h1>
      <p className="mt-2 text-sm text-slate-600">Use your company account. You’ll be sent to {provider.name} and brought back here.</p>
      <div className="mt-6">
        <SignInButton providerId={provider.id} providerName={provider.name} callbackUrl={callbackUrl} />
      </div>
      {provider.id === 'embedded' && demoMode().data && (
        <p className="mt-6 rounded-lg bg-slate-50 p-3 text-xs text-slate-600">
          Demo accounts: <code>dev@example.com</code> (consumer) and <code>admin@example.com</code> (admin); passwords are in the README.
        </p>
      )}
    </Card>
  );
}
