import Link from 'next/link';
import { Fragment } from 'react';

/** "Parent / Child / Here": links up the trail, then the current page. */
export function Breadcrumbs({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
      {trail.map((step) => (
        <Fragment key={step.href}>
          <Link href={step.href} className="hover:text-slate-900">
            {step.label}
          </Link>{' '}
          /{' '}
        </Fragment>
      ))}
      <span className="text-slate-900">{current}</span>
    </nav>
  );
}
