'use client';

// A client component: the root layout's not-found tree goes into every page's
// RSC payload, as a reference rather than an element tree
// (docs/adr/0014-page-markup-in-client-views.md).
import { ButtonLink } from '@/components/ui/button';

export default function NotFound() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-4 text-center">
      <p className="text-sm font-medium text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">We can’t find that page</h1>
      <p className="text-sm text-slate-600">It may have been removed, or you may not have access to it.</p>
      <ButtonLink href="/">Back home</ButtonLink>
    </div>
  );
}
