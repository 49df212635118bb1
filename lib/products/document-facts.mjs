// What a product's listing takes from its OpenAPI document (lib/products/listing.ts):
// the operation count, tags, servers and operation summaries. Plain
// JavaScript, so that the OpenAPI check's worker thread (openapi-worker.mjs)
// derives them from the tree it has already parsed, and the request thread
// never parses a big document for them (docs/architecture.md, "Product pages
// and big documents"). Types: document-facts.d.mts.

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 100;
const MAX_SERVERS = 10;

const isRecord = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
/** A string with its white space runs made single spaces, trimmed; anything else is ''. */
export const text = (v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/** The facts a parsed OpenAPI document gives the listing. Tolerates any shape: what is not there counts as none. */
export function documentFacts(document) {
  const doc = isRecord(document) ? document : {};
  const tags = new Set();
  const addTag = (name) => {
    const t = text(name).slice(0, MAX_TAG_LENGTH);
    if (t && tags.size < MAX_TAGS) tags.add(t);
  };
  if (Array.isArray(doc.tags)) for (const tag of doc.tags) if (isRecord(tag)) addTag(tag.name);
  let operationCount = 0;
  const summaries = new Set();
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
  const servers = new Set();
  if (Array.isArray(doc.servers)) {
    for (const server of doc.servers) {
      const url = isRecord(server) ? text(server.url) : '';
      if (url && servers.size < MAX_SERVERS) servers.add(url);
    }
  }
  return { operationCount, tags: [...tags], servers: [...servers], summaries: [...summaries] };
}
