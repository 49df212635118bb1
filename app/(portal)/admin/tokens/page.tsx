import type { Metadata } from 'next';
import { AccessTokensCard } from '@/components/account/access-tokens-card';
import { NotAllowed } from '@/components/admin/not-allowed';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Service tokens · Admin' };

export default async function ServiceTokensPage() {
  const check = await requireAdmin('/admin/tokens');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Service tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          Tokens for CI: publish products with <code className="font-mono text-xs">npx lanyard products publish</code>, approve
          subscriptions, read the audit log.
        </p>
      </div>
      <AccessTokensCard kind="service" isAdmin />
    </div>
  );
}
