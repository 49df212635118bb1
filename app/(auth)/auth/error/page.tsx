import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { signInErrorCopy } from '@/lib/auth/sign-in-errors';

export const metadata: Metadata = { title: 'Sign-in problem' };

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const copy = signInErrorCopy(error);
  return (
    <Card className="p-8" role="alert">
      <h1 className="text-xl font-semibold">{copy.title}</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">{copy.explanation}</p>
      {error && (
        <p className="mt-4 text-xs text-slate-500">
          Error code: <code className="rounded bg-slate-100 px-1">{error}</code>
        </p>
      )}
      <div className="mt-6 flex gap-3">
        <ButtonLink href="/signin">Sign in again</ButtonLink>
        <ButtonLink href="/" variant="secondary">
          Home
        </ButtonLink>
      </div>
    </Card>
  );
}
