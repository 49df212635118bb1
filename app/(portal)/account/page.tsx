import type { Metadata } from 'next';
import { AccessTokensCard } from '@/components/account/access-tokens-card';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { NotificationPreferences } from '@/components/account/notification-preferences';
import { requireUser } from '@/lib/auth/require-user';
import { env } from '@/lib/env';
import { usesEmbeddedSignIn } from '@/lib/people/embedded-only';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await requireUser('/account');
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as {user.email}
          {user.groups.length ? `, in ${user.groups.join(', ')}` : ''}.
        </p>
      </div>
      {usesEmbeddedSignIn() ? (
        <ChangePasswordForm />
      ) : (
        <p className="text-sm text-slate-600">Your company’s identity provider manages your password and groups.</p>
      )}
      <NotificationPreferences mailConfigured={!!env().LANYARD_SMTP_URL} />
      <AccessTokensCard kind="personal" isAdmin={user.role === 'admin'} />
    </div>
  );
}
