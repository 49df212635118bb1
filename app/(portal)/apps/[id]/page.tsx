import type { Metadata } from 'next';
import { AppDetailView } from '@/components/apps/app-detail-view';
import { requireUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'Application' };

// The app and the subscribe menu's products are fetched by the browser
// (GET /api/apps/<id>, /api/catalog/options): the page itself is the same few KB at any catalog size.
export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/apps/${id}`);
  return <AppDetailView id={id} />;
}
