import 'server-only';
import { isPostgres, type Db } from '../db';
import { containsPattern, querySql, sqlStatement } from '../db-sql';
import { skipFor, toPage, type Page } from '../pagination';
import { SUMMARY_COLUMNS, summaryFromSql, type CatalogOption, type ProductSummary } from './product-summary';
import { catalogQuerySchema, type CatalogQuery } from './schemas';

// The catalog at any size (docs/architecture.md, "Catalog and lists at
// scale"): which products match, in what order, and how many, in SQL per
// dialect over the listing columns and the search index
// (docs/adr/0009-catalog-search-trigram-indexes.md), with only the summary
// columns. No query reads `openapi`.

const MAX_TERMS = 8;
// A trigram index finds substrings of three characters or more; shorter
// words are matched by a scan of the search text, which at catalog sizes is
// still cheap next to loading documents.
const TRIGRAM = 3;

/** The search's words: split on white space, without repeats, at most MAX_TERMS. */
export function searchTerms(q: string | undefined): string[] {
  return [...new Set((q ?? '').trim().split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
}

const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`;

type Statement = ReturnType<typeof sqlStatement>;

function sqliteWhere(q: CatalogQuery, s: Statement): string[] {
  const terms = searchTerms(q.q);
  const where: string[] = [];
  const indexed = terms.filter((t) => [...t].length >= TRIGRAM);
  if (indexed.length) {
    // FTS5's trigram tokenizer: a quoted phrase matches wherever it occurs as a substring, ignoring case.
    where.push(
      `p."rowid" IN (SELECT "rowid" FROM "ApiProductSearch" WHERE "ApiProductSearch" MATCH ${s.value('string', indexed.map(ftsPhrase).join(' AND '))})`,
    );
  }
  for (const t of terms.filter((x) => [...x].length < TRIGRAM))
    where.push(`p."searchText" LIKE ${s.value('string', containsPattern(t))} ESCAPE '\\'`);
  if (q.tag) where.push(`EXISTS (SELECT 1 FROM json_each(p."tags") AS t WHERE t."value" = ${s.value('string', q.tag)})`);
  if (q.approval) where.push(q.approval === 'required' ? `p."approvalRequired" = 1` : `p."approvalRequired" = 0`);
  return where;
}

function postgresWhere(q: CatalogQuery, s: Statement): string[] {
  // lower("searchText") LIKE is what the pg_trgm GIN index on lower("searchText") answers.
  const where = searchTerms(q.q).map((t) => `lower(p."searchText") LIKE ${s.value('string', containsPattern(t))}`);
  if (q.tag) where.push(`p."tags"::jsonb @> jsonb_build_array(${s.value('string', q.tag)}::text)`);
  if (q.approval) where.push(`p."approvalRequired" = ${q.approval === 'required' ? 'TRUE' : 'FALSE'}`);
  return where;
}

// Name order ignores case, and ties go by row id, the same on both databases
// (ASCII case folding, then bytes), so that a page never repeats or skips a row.
function orderBy(q: CatalogQuery, postgres: boolean): string {
  if (q.sort === 'updated') return postgres ? `p."updatedAt" DESC, p."id" COLLATE "C" DESC` : `p."updatedAt" DESC, p."id" DESC`;
  return postgres ? `lower(p."name") COLLATE "C", p."id" COLLATE "C"` : `p."name" COLLATE NOCASE, p."id"`;
}

/**
 * One page of the catalog: searched, filtered and sorted in the database,
 * the page's summary columns and the total in two statements through the
 * driver (lib/db-sql.ts): every catalog view makes them.
 */
export async function listCatalog(db: Db, q: CatalogQuery): Promise<Page<ProductSummary>> {
  const s = sqlStatement(db);
  const conditions = s.postgres ? postgresWhere(q, s) : sqliteWhere(q, s);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const filter = [...s.values];
  const page = `SELECT ${SUMMARY_COLUMNS} FROM "ApiProduct" p ${where} ORDER BY ${orderBy(q, s.postgres)} LIMIT ${s.value('int', q.pageSize)} OFFSET ${s.value('int', skipFor(q))}`;
  const [rows, [counted]] = await Promise.all([
    querySql(db, s.text(page), s.values),
    querySql(db, s.text(`SELECT COUNT(*) AS "n" FROM "ApiProduct" p ${where}`), filter),
  ]);
  return toPage(rows.map(summaryFromSql), Number(counted?.n ?? 0), q);
}

/** The most recently updated products, for the home page. */
export async function recentProducts(db: Db, count = 6): Promise<ProductSummary[]> {
  const rows = await querySql(
    db,
    (p) => `SELECT ${SUMMARY_COLUMNS} FROM "ApiProduct" p ORDER BY p."updatedAt" DESC, p."id" DESC LIMIT ${p(0)}`,
    [['int', count]],
  );
  return rows.map(summaryFromSql);
}

export interface CatalogTag {
  tag: string;
  count: number;
}

// The tag list aggregates every product's tags, which at thousands of
// products costs more than the page itself; it changes only when a product
// does, so it is kept per process under a key that any change moves: the
// number of products and the newest updatedAt (one indexed lookup). Several
// portal processes each see the change through the database.
let tagCache: { key: string; limit: number; tags: CatalogTag[] } | undefined;

/** The tags most products carry, for the catalog's tag filter. */
export async function catalogTags(db: Db, limit = 50): Promise<CatalogTag[]> {
  // Answered from the updatedAt index (Prisma's aggregate would read the rows through a subquery).
  const [stamp] = await querySql(db, () => `SELECT COUNT(*) AS "n", MAX("updatedAt") AS "at" FROM "ApiProduct"`, []);
  const key = `${String(stamp?.n)}:${String(stamp?.at)}`;
  if (tagCache?.key === key && tagCache.limit === limit) return tagCache.tags;
  const rows = await querySql(
    db,
    (p) =>
      isPostgres(db)
        ? `SELECT t.tag, COUNT(*) AS n FROM "ApiProduct" p CROSS JOIN LATERAL jsonb_array_elements_text(p."tags"::jsonb) AS t(tag)
           GROUP BY t.tag ORDER BY n DESC, t.tag COLLATE "C" LIMIT ${p(0)}`
        : `SELECT t."value" AS tag, COUNT(*) AS n FROM "ApiProduct" p, json_each(p."tags") AS t
           GROUP BY t."value" ORDER BY n DESC, tag LIMIT ${p(0)}`,
    [['int', limit]],
  );
  const tags = rows.map((r) => ({ tag: String(r.tag), count: Number(r.n) }));
  tagCache = { key, limit, tags };
  return tags;
}

export type UrlParams = Record<string, string | string[] | undefined>;

/**
 * The catalog query a URL asks for. A page is not an API: a field that does
 * not parse (page=abc, sort=price) is dropped rather than answered with an error.
 */
export function catalogQueryFrom(params: UrlParams): CatalogQuery {
  const fields: Record<string, string> = {};
  for (const key of ['q', 'tag', 'approval', 'sort', 'page'] as const) {
    const value = params[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) fields[key] = first;
  }
  const parsed = catalogQuerySchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete fields[String(issue.path[0])];
  return catalogQuerySchema.parse(fields);
}

/** The products the app page's subscribe menu offers: three columns each. */
export async function catalogOptions(db: Db): Promise<CatalogOption[]> {
  return db.apiProduct.findMany({
    select: { apiProductId: true, name: true, approvalRequired: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}
