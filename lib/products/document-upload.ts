import 'server-only';
import type { z } from 'zod';
import { bodyLimit, bodyNotJson, bodyTooLarge, bodyUnreadable, malformedText } from '../http/route';
import { checkUpload, maxOpenApiBytes, type CheckedOpenApi } from './openapi';

// The admin routes that take an OpenAPI document (publish, update) read their
// body as bytes and hand it, whole, to the OpenAPI check's worker thread
// (openapi.ts): decoding and parsing a 13 MB JSON body took tens of
// milliseconds of the request thread before the document's own check even
// began (docs/architecture.md, "Product pages and big documents"). The
// answers are those of readBody (lib/http/route.ts): 413 for a body far over
// the limit, 400 for one that is not JSON or holds malformed text, the
// schema's messages for the other fields, and the check's for the document.

const FIELD = 'openapi';

export interface DocumentUpload<T> {
  input: T;
  /** The document's check, when the body carried one. */
  checked?: CheckedOpenApi;
}

export async function readDocumentUpload<S extends z.ZodType>(req: Request, schema: S): Promise<DocumentUpload<z.infer<S>>> {
  const max = maxOpenApiBytes();
  if (Number(req.headers.get('content-length') ?? 0) > bodyLimit(max)) throw bodyTooLarge(max);
  let body: ArrayBuffer;
  try {
    body = await req.arrayBuffer();
  } catch {
    throw bodyUnreadable();
  }
  if (body.byteLength > bodyLimit(max)) throw bodyTooLarge(max);
  const reply = await checkUpload(body, FIELD);
  if (!reply.ok) throw reply.body === 'json' ? bodyNotJson() : malformedText(reply.path);
  const fields = reply.fields && typeof reply.fields === 'object' ? reply.fields : {};
  // The checked document stands in for the text the worker took out of the body: the same string rules hold for it.
  const input = schema.parse(reply.checked ? { ...fields, [FIELD]: reply.checked.json } : reply.fields) as z.infer<S>;
  return { input, checked: reply.checked };
}
