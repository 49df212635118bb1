import { Button, ButtonLink } from '@/components/ui/button';
import { selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { CatalogTag } from '@/lib/products/catalog';
import type { CatalogQuery } from '@/lib/products/schemas';

// The catalog's search and filters: one GET form to /apis, so the URL holds
// the whole state and everything works without JavaScript.

const label = 'text-xs font-medium text-slate-600';

export function CatalogFilters({ query, tags }: { query: CatalogQuery; tags: CatalogTag[] }) {
  const active = !!(query.q || query.tag || query.approval || query.sort !== 'name');
  // A tag from the URL that is not among the most used stays selectable.
  const shown = query.tag && !tags.some((t) => t.tag === query.tag) ? [{ tag: query.tag, count: 0 }, ...tags] : tags;
  return (
    <form role="search" action="/apis" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="min-w-56 flex-1 space-y-1.5">
        <label htmlFor="q" className={label}>
          Search APIs
        </label>
        <Input id="q" name="q" type="search" placeholder="Search by name, id, description, tag or operation" defaultValue={query.q} />
      </div>
      <div className="w-44 space-y-1.5">
        <label htmlFor="tag" className={label}>
          Tag
        </label>
        <select id="tag" name="tag" className={selectClass} defaultValue={query.tag ?? ''}>
          <option value="">Any tag</option>
          {shown.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag}
            </option>
          ))}
        </select>
      </div>
      <div className="w-44 space-y-1.5">
        <label htmlFor="approval" className={label}>
          Access
        </label>
        <select id="approval" name="approval" className={selectClass} defaultValue={query.approval ?? ''}>
          <option value="">Any access</option>
          <option value="open">Instant</option>
          <option value="required">Needs approval</option>
        </select>
      </div>
      <div className="w-44 space-y-1.5">
        <label htmlFor="sort" className={label}>
          Sort by
        </label>
        <select id="sort" name="sort" className={selectClass} defaultValue={query.sort}>
          <option value="name">Name</option>
          <option value="updated">Recently updated</option>
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {active && (
        <ButtonLink href="/apis" variant="ghost">
          Clear
        </ButtonLink>
      )}
    </form>
  );
}
