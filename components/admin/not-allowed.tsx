import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { SessionUser } from '@/lib/auth/current-user';

/** What a signed-in consumer sees at an admin URL: no admin data, a clear reason and a way out. */
export function NotAllowed({ user }: { user: SessionUser }) {
  return (
    <Card className="mx-auto mt-6 max-w-xl px-8 py-12 text-center" data-testid="admin-not-allowed" role="alert">
      <p className="text-sm font-semibold text-red-600">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">This page is for portal admins</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">
        You are signed in as <span className="font-medium text-slate-900">{user.email}</span>, who is not a portal admin. Admin rights come
        from your identity provider’s admin group; ask an admin if you need them, then sign in again.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <ButtonLink href="/apps" variant="secondary">
          My apps
        </ButtonLink>
        <ButtonLink href="/">Back home</ButtonLink>
      </div>
    </Card>
  );
}
