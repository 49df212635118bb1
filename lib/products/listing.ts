// What the catalog and the other lists show of a product, derived from its
// OpenAPI document once, when it is published or updated, and stored on the
// row (operationCount, tags, servers, searchText), so that no list ever reads
// or parses the document (docs/architecture.md, "Catalog and lists at scale").
// Pure functions: no I/O, so the publish path may run them wherever it parses.
// The document's part (documentFacts) is plain JavaScript, document-facts.mjs,
// so that the OpenAPI check's worker thread runs it too.
import { documentFacts, text, type DocumentFacts } from './document-facts.mjs';

export { documentFacts, type DocumentFacts };

/**
 * Bumped when what is derived changes: rows with a lower listingVersion are
 * derived again by the backfill that `npm run migrate` runs (lib/products/listing-backfill.ts).
 */
export const LISTING_VERSION = 1;

// The search text stays a bounded size even for documents with thousands of
// operations; what is cut is the tail of the operation summaries.
export const MAX_SEARCH_TEXT = 100_000;

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
