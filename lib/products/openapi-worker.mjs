// The OpenAPI check, run in a worker thread (lib/products/openapi.ts starts
// it; docs/adr/0010-product-pages-and-big-documents.md). Parsing and
// validating a 13 MB document takes seconds of CPU: here it does not hold up
// the requests of everyone else. Plain JavaScript, loaded from its path on
// disk, so it runs the same under Next's production build, tsx and vitest.
//
// In: { id, text }. Out: { id, ok: true, json, title, description, version, openapiVersion,
// facts, warnings } (facts: what the catalog lists show, document-facts.mjs) or { id, ok: false, message }, `message` saying what is wrong.
import { parentPort } from 'node:worker_threads';
import SwaggerParser from '@apidevtools/swagger-parser';
import yaml from 'js-yaml';
import { documentFacts } from './document-facts.mjs';
import { malformedTextPath } from '../http/well-formed.mjs';

class Refusal extends Error {}

/**
 * YAML aliases make a few bytes stand for a huge tree ("billion laughs",
 * docs/security.md #4). A document's tree may count at most this many nodes
 * per byte of text, plus a fixed allowance: anchors reused a few times fit,
 * nine levels of ten-fold reuse do not.
 */
const NODES_PER_BYTE = 2;
const NODE_ALLOWANCE = 100_000;

function parseText(text) {
  const trimmed = text.trim();
  if (!trimmed) throw new Refusal('the file is empty');
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch (err) {
      throw new Refusal(`it is not valid JSON (${err.message})`);
    }
  }
  let doc;
  try {
    // js-yaml 4's default schema builds plain data only (no functions, no custom tags).
    doc = yaml.load(trimmed, { json: true });
  } catch (err) {
    throw new Refusal(`it is neither JSON nor valid YAML (${err.reason ?? err.message})`);
  }
  const limit = NODE_ALLOWANCE + NODES_PER_BYTE * trimmed.length;
  if (!withinNodes(doc, limit)) {
    throw new Refusal(`its YAML aliases expand it to more than ${limit.toLocaleString('en')} nodes; write the repeated parts out`);
  }
  return doc;
}

/** Whether the tree, aliases expanded (a shared object counts each time it is reached), has at most `limit` nodes. */
function withinNodes(root, limit) {
  const stack = [root];
  let count = 0;
  while (stack.length) {
    const value = stack.pop();
    if (++count > limit) return false;
    if (value && typeof value === 'object') for (const child of Object.values(value)) stack.push(child);
  }
  return true;
}

/** The first `$ref` that points outside the document, if any. */
function externalRef(root) {
  const stack = [root];
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) return child;
      if (child && typeof child === 'object') stack.push(child);
    }
  }
  return undefined;
}

const pointer = (segments) => `#/${segments.map((s) => String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/**
 * Real documents carry regular expressions written for other engines (Java,
 * .NET, PCRE). A `pattern` JavaScript cannot compile is not worth refusing a
 * whole document for: it is reported to the admin as a warning and left out
 * of validation (the stored document keeps it as written).
 */
function dropBadPatterns(root) {
  const warnings = [];
  const stack = [[root, []]];
  while (stack.length) {
    const [value, at] = stack.pop();
    if (!value || typeof value !== 'object') continue;
    // Under `properties` a key named "pattern" is a property's name, not a keyword.
    const inProperties = at[at.length - 1] === 'properties';
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && !inProperties && typeof child === 'string') {
        try {
          // JSON Schema's patterns are ECMA-262 with Unicode semantics: the `u` flag.
          new RegExp(child, 'u');
        } catch (err) {
          const reason = err.message.replace(/^Invalid regular expression: /, '');
          warnings.push({
            path: pointer([...at, key]),
            message: `The pattern ${JSON.stringify(child.slice(0, 80))} is not a valid regular expression (${reason}); it is not checked`,
          });
          delete value[key];
          continue;
        }
      }
      if (child && typeof child === 'object') stack.push([child, [...at, key]]);
    }
  }
  return warnings;
}

/** swagger-parser's message, without its generic first line, at most a few problems long. */
function describe(err) {
  const lines = String(err?.message ?? err)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Swagger schema validation failed\.?$/i.test(l));
  const shown = lines.slice(0, 3).join('; ');
  return lines.length > 3 ? `${shown} (and ${lines.length - 3} more)` : shown || 'the parser rejected it';
}

/** Parses and validates one document. Exported for the tests; the worker calls it for each message. */
export async function check(text) {
  return checkParsed(parseText(text));
}

/** Validates a parsed document (its text no longer needed: what is stored is re-serialised below). */
async function checkParsed(doc) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Refusal('it is not an object');
  if (typeof doc.swagger === 'string') throw new Refusal(`it is Swagger ${doc.swagger}; upload an OpenAPI 3 document`);
  if (typeof doc.openapi !== 'string' || !/^3\.\d+(\.\d+)?$/.test(doc.openapi)) {
    throw new Refusal('it has no "openapi: 3.x" version field');
  }
  const external = externalRef(doc);
  if (external) {
    throw new Refusal(
      `it refers to ${JSON.stringify(external)}; only local references (#/…) are allowed, so bundle the document into one file`,
    );
  }
  // Stored as the admin wrote it; validation below works on (and rewrites) the tree.
  const json = JSON.stringify(doc);
  const info = doc.info && typeof doc.info === 'object' ? doc.info : {};
  const result = {
    json,
    title: typeof info.title === 'string' ? info.title : '',
    description: typeof info.description === 'string' ? info.description : '',
    version: typeof info.version === 'string' ? info.version : '',
    openapiVersion: doc.openapi,
    facts: documentFacts(doc),
    warnings: dropBadPatterns(doc),
  };
  try {
    await SwaggerParser.validate(doc, { resolve: { external: false }, dereference: { circular: 'ignore' } });
  } catch (err) {
    throw new Refusal(describe(err));
  }
  return result;
}

/**
 * The body's bytes, decoded and parsed; then let go of (a transfer to
 * nowhere detaches them), so that the check below does not run beside a
 * second copy of the document.
 */
function parseBody(bytes) {
  const text = new TextDecoder().decode(bytes);
  if (bytes instanceof ArrayBuffer) structuredClone(bytes, { transfer: [bytes] });
  return text ? JSON.parse(text) : {};
}

/** A request body carrying a document in `field` (see the top of this file). Exported for the tests. */
export async function checkUpload(bytes, field, maxBytes) {
  let body;
  try {
    body = parseBody(bytes);
  } catch {
    return { ok: false, body: 'json' };
  }
  const path = malformedTextPath(body);
  if (path) return { ok: false, body: 'text', path };
  // Anything but a non-empty string is left for the route's schema to name.
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body[field] !== 'string' || body[field] === '') {
    return { ok: true, fields: body };
  }
  const fields = { ...body };
  let text = fields[field];
  delete fields[field];
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new Refusal(`it is larger than ${maxBytes / 1024 / 1024} MB`);
  const doc = parseText(text);
  // The text is let go of before the validation, the heaviest part, begins.
  body = text = undefined;
  return { ok: true, fields, checked: await checkParsed(doc) };
}

parentPort?.on('message', async ({ id, text, upload, field, maxBytes }) => {
  try {
    parentPort.postMessage(upload ? { id, ...(await checkUpload(upload, field, maxBytes)) } : { id, ok: true, ...(await check(text)) });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: err instanceof Refusal ? err.message : `the parser failed (${err?.message ?? err})` });
  }
});
