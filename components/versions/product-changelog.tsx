import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/states';
import type { VersionSummary } from '@/lib/versions/versions';

// The product page's changelog (docs/architecture.md, "Product versions"):
// every version, newest first, with what changed and what breaks callers;
// each links to `?version=N`, which shows that version's document.

export function DeprecationNotice({ name, sunset }: { name: string; sunset: string }) {
  return (
    <Notice tone="warning">
      <strong>{name} is deprecated</strong>
      {sunset ? `: it stops answering after ${sunset}.` : '.'} Its responses carry <code className="font-mono text-xs">Deprecation</code>
      {sunset && (
        <>
          {' '}
          and <code className="font-mono text-xs">Sunset</code>
        </>
      )}{' '}
      headers. Move your apps off it before then.
    </Notice>
  );
}

export function ProductChangelog({
  slug,
  versions,
  shown,
  missing,
}: {
  slug: string;
  versions: VersionSummary[];
  shown: VersionSummary | null;
  missing: boolean;
}) {
  if (versions.length === 0) return null;
  const current = shown?.number ?? versions[0]!.number;
  return (
    <Card className="p-6" aria-labelledby="changelog-title">
      <h2 id="changelog-title" className="text-lg font-semibold">
        Changelog
      </h2>
      {shown && (
        <div className="mt-3">
          <Notice tone="info">
            You are looking at version {shown.number} ({shown.version}).{' '}
            <Link href={`/apis/${slug}`} className="font-medium text-brand-700 hover:underline">
              Show the latest
            </Link>
          </Notice>
        </div>
      )}
      {missing && (
        <div className="mt-3">
          <Notice tone="warning">That version does not exist; this is the latest.</Notice>
        </div>
      )}
      <ol className="mt-4 space-y-4" aria-label="Versions">
        {versions.map((v) => {
          const c = v.changes;
          return (
            <li key={v.number} className="border-l-2 border-slate-200 pl-4" data-testid="product-version">
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/apis/${slug}?version=${v.number}`}
                  className="font-medium text-brand-700 hover:underline"
                  aria-current={v.number === current ? 'page' : undefined}
                >
                  Version {v.number}
                </Link>
                <Badge>v{v.version}</Badge>
                {v.breaking && <Badge tone="red">Breaking</Badge>}
                <span className="text-xs text-slate-500">{v.createdAt.slice(0, 10)}</span>
              </div>
              <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                {v.number === versions.at(-1)!.number && <li>First published.</li>}
                {c.added.map((o) => (
                  <li key={`a${o.method}${o.path}`}>
                    Added <code className="font-mono text-xs">{`${o.method} ${o.path}`}</code>
                  </li>
                ))}
                {c.removed.map((o) => (
                  <li key={`r${o.method}${o.path}`} className="text-red-700">
                    Removed <code className="font-mono text-xs">{`${o.method} ${o.path}`}</code>
                  </li>
                ))}
                {c.changed.map((o) => (
                  <li key={`c${o.method}${o.path}`}>
                    Changed <code className="font-mono text-xs">{`${o.method} ${o.path}`}</code>: {o.notes.join('; ')}
                  </li>
                ))}
              </ul>
              {c.breaking.length > 0 && (
                <p className="mt-1 text-sm text-red-700">Breaks callers: {c.breaking.map((b) => b.detail).join('; ')}.</p>
              )}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
