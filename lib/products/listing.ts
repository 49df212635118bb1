// What the catalog and the other lists show of a product, derived from its
// OpenAPI document once, when it is published or updated, and stored on the
// row (operationCount, tags, servers, searchText), so that no list ever reads
// or parses the document (docs/architecture.md, "Catalog and lists at scale").
// Pure functions: no I/O, so the publish path may run them wherever it parses.

/**
 * Bumped when what is derived changes: rows with a lower listingVersion are
 * derived again by the backfill that `npm run migrate` runs (lib/products/listing-backfill.ts).
 */
export const LISTING_VERSION = 1;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 100;
const MAX_SERVERS = 10;
// The search text stays a bounded size even for documents with thousands of
// operations; what is cut is the tail of the operation summaries.
export const MAX_SEARCH_TEXT = 100_000;

/** What the document contributes to the listing. */
export interface DocumentFacts {
  operationCount: number;
  /** Declared tags (the document's `tags`, in order), then tags only operations use. */
  tags: string[];
  /** The document's top-level server URLs. */
  servers: string[];
  /** Each operation's summary (or operationId), without repeats. */
  summaries: string[];
}

/** The product's stored listing columns. */
export interface ProductListing {
  operationCount: number;
  /** JSON array of tag names. */
  tags: string;
  /** JSON array of server URLs. */
  servers: string;
  searchText: string;
  listingVersion: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/** The facts a parsed OpenAPI document gives the listing. Tolerates any shape: what is not there counts as none. */
export function documentFacts(document: unknown): DocumentFacts {
  const doc = isRecord(document) ? document : {};
  const tags = new Set<string>();
  const addTag = (name: unknown) => {
    const t = text(name).slice(0, MAX_TAG_LENGTH);
    if (t && tags.size < MAX_TAGS) tags.add(t);
  };
  if (Array.isArray(doc.tags)) for (const tag of doc.tags) if (isRecord(tag)) addTag(tag.name);
  let operationCount = 0;
  const summaries = new Set<string>();
  for (const item of Object.values(isRecord(doc.paths) ? doc.paths : {})) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      operationCount += 1;
      if (Array.isArray(op.tags)) for (const tag of op.tags) addTag(tag);
      const summary = text(op.summary) || text(op.operationId);
      if (summary) summaries.add(summary);
    }
  }
  const servers = new Set<string>();
  if (Array.isArray(doc.servers)) {
    for (const server of doc.servers) {
      const url = isRecord(server) ? text(server.url) : '';
      if (url && servers.size < MAX_SERVERS) servers.add(url);
    }
  }
  return { operationCount, tags: [...tags], servers: [...servers], summaries: [...summaries] };
}

/** The catalog fields the search text carries besides the document's. */
export interface ListedFields {
  name: string;
  apiProductId: string;
  description: string;
}

// The first HEADER_LINES lines of the search text are the catalog fields, so
// that a change of name or description rewrites them and keeps the
// document's part (refreshSearchText) without reading the document again.
const HEADER_LINES = 4;

/** One line each for name, id, description and tags, then one per operation summary, cut at MAX_SEARCH_TEXT. */
export function searchTextFor(fields: ListedFields, facts: Pick<DocumentFacts, 'tags' | 'summaries'>): string {
  let out = [text(fields.name), fields.apiProductId, text(fields.description), facts.tags.join(' ')].join('\n');
  for (const summary of facts.summaries) {
    if (out.length + summary.length + 1 > MAX_SEARCH_TEXT) break;
    out += `\n${summary}`;
  }
  return out.slice(0, MAX_SEARCH_TEXT);
}

/** The search text with new catalog fields and the document's part as it was stored. */
export function refreshSearchText(stored: string, fields: ListedFields, tags: string[]): string {
  return searchTextFor(fields, { tags, summaries: stored.split('\n').slice(HEADER_LINES) });
}

/** The listing columns of a product: what every list shows and searches instead of its document. */
export function productListing(fields: ListedFields, facts: DocumentFacts): ProductListing {
  return {
    operationCount: facts.operationCount,
    tags: JSON.stringify(facts.tags),
    servers: JSON.stringify(facts.servers),
    searchText: searchTextFor(fields, facts),
    listingVersion: LISTING_VERSION,
  };
}

/** A stored JSON array of strings (tags, servers) read back; anything else is an empty list. */
export function storedList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
