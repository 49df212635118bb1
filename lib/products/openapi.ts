import 'server-only';
import SwaggerParser from '@apidevtools/swagger-parser';
import yaml from 'js-yaml';
import { invalid } from '../errors';
import { MAX_OPENAPI_BYTES } from './schemas';

// An uploaded OpenAPI document, checked before anything is published: it must
// parse (JSON or YAML), be OpenAPI 3.x, and pass @apidevtools/swagger-parser's
// validation (the OAS schema, then every $ref). External $refs (files, URLs)
// are not followed: an upload must not make the server read files or call
// other hosts. Validation runs on a deep copy, since the parser rewrites the
// object it is given; the document is stored as the admin wrote it.

export interface CheckedOpenApi {
  /** The document as JSON, as stored. */
  json: string;
  title: string;
  version: string;
  openapiVersion: string;
}

const invalidDocument = (message: string) =>
  invalid(`The OpenAPI document is not valid: ${message}`, { openapi: `Not a valid OpenAPI 3 document: ${message}` });

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) throw invalidDocument('the file is empty');
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch (err) {
      throw invalidDocument(`it is not valid JSON (${(err as Error).message})`);
    }
  }
  try {
    // js-yaml 4's default schema builds plain data only (no functions, no custom tags).
    return yaml.load(trimmed, { json: true });
  } catch (err) {
    throw invalidDocument(`it is neither JSON nor valid YAML (${(err as yaml.YAMLException).reason ?? (err as Error).message})`);
  }
}

/** The first `$ref` that points outside the document, if any. */
function externalRef(value: unknown, depth = 0): string | undefined {
  if (depth > 200 || !value || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) return child;
    const found = externalRef(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** swagger-parser's message, without its generic first line, at most a few problems long. */
function describe(err: unknown): string {
  const lines = String((err as Error)?.message ?? err)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Swagger schema validation failed\.?$/i.test(l));
  const shown = lines.slice(0, 3).join('; ');
  return lines.length > 3 ? `${shown} (and ${lines.length - 3} more)` : shown || 'the parser rejected it';
}

export async function checkOpenApi(text: string): Promise<CheckedOpenApi> {
  if (Buffer.byteLength(text, 'utf8') > MAX_OPENAPI_BYTES) throw invalidDocument(`it is larger than ${MAX_OPENAPI_BYTES / 1024 / 1024} MB`);
  const doc = parseText(text);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalidDocument('it is not an object');
  const record = doc as Record<string, unknown>;
  if (typeof record.swagger === 'string') throw invalidDocument(`it is Swagger ${record.swagger}; upload an OpenAPI 3 document`);
  if (typeof record.openapi !== 'string' || !/^3\.\d+(\.\d+)?$/.test(record.openapi)) {
    throw invalidDocument('it has no "openapi: 3.x" version field');
  }
  const external = externalRef(doc);
  if (external)
    throw invalidDocument(
      `it refers to ${JSON.stringify(external)}; only local references (#/…) are allowed, so bundle the document into one file`,
    );
  try {
    await SwaggerParser.validate(structuredClone(doc) as never, {
      resolve: { external: false },
      dereference: { circular: 'ignore' },
    });
  } catch (err) {
    throw invalidDocument(describe(err));
  }
  const info = (record.info ?? {}) as Record<string, unknown>;
  return {
    json: JSON.stringify(doc),
    title: typeof info.title === 'string' ? info.title : '',
    version: typeof info.version === 'string' ? info.version : '',
    openapiVersion: record.openapi,
  };
}
