import type { Metadata } from 'next';
import { SetPasswordForm } from '@/components/account/set-password-form';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' };

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <Card className="p-8">
      <SetPasswordForm token={typeof token === 'string' ? token : ''} />
    </Card>
  );
}
