import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

// Checks SPI responses against the SPI's own OpenAPI 3.1 document: the
// operation (path template + method) must exist, the status must be one it
// documents, a documented JSON body must validate against its schema (JSON
// Schema 2020-12, by Ajv), an undocumented body must be absent, and required
// response headers must be present and valid. Responses the document cannot
// describe per operation (unknown path → 404, wrong method → 405, 401 before
// routing) must carry the document's Error schema.
//
// Ajv is not a dependency of Lanyard itself: it is the validator
// @apidevtools/swagger-parser (a dependency) uses, and is used here only.

export interface CheckedResponse {
  status: number;
  headers: Headers;
  text: string;
}

type Json = Record<string, unknown>;

export interface OpenApiChecker {
  /** Throws, naming the mismatch, unless the response is one the document allows for the request. */
  check(method: string, path: string, res: CheckedResponse): void;
}

export async function openApiChecker(document: object): Promise<OpenApiChecker> {
  // The document must be a valid OpenAPI 3.1 document first (swagger-parser
  // validates it against the OAS 3.1 schema, then its $refs).
  await SwaggerParser.validate(structuredClone(document) as never);
  const doc = (await SwaggerParser.dereference(structuredClone(document) as never)) as unknown as Json;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const compiled = new Map<object, ValidateFunction>();
  const validator = (schema: object) => {
    let fn = compiled.get(schema);
    if (!fn) {
      fn = ajv.compile(schema);
      compiled.set(schema, fn);
    }
    return fn;
  };
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const errorSchema = ((doc.components as Json).schemas as Json).Error as object;
  const templates = Object.keys(paths).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
  }));

  function validateBody(schema: object, res: CheckedResponse, where: string) {
    const type = res.headers.get('content-type') ?? '';
    if (!/^application\/json\b/.test(type)) throw new Error(`${where}: content-type is ${JSON.stringify(type)}, not application/json`);
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new Error(`${where}: the body is not JSON: ${res.text.slice(0, 200)}`);
    }
    const validate = validator(schema);
    if (!validate(body)) {
      throw new Error(`${where}: the body does not match the schema: ${ajv.errorsText(validate.errors)}; body ${res.text.slice(0, 300)}`);
    }
  }

  return {
    check(method, path, res) {
      const pathname = path.split('?')[0]!;
      const where = `${method} ${pathname} → ${res.status}`;
      const found = templates.find((t) => t.regex.test(pathname));
      const operation = found ? paths[found.template]![method.toLowerCase()] : undefined;
      if (!found || !operation) {
        const allowed = found ? [405] : [401, 404];
        if (!allowed.includes(res.status)) throw new Error(`${where}: no operation in the document, and not a ${allowed.join('/')}`);
        validateBody(errorSchema, res, where);
        return;
      }
      const responses = operation.responses as Record<string, Json>;
      const documented = responses[String(res.status)];
      if (!documented) throw new Error(`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`);
      const content = documented.content as Record<string, { schema: object }> | undefined;
      if (content) {
        const media = content['application/json'];
        if (!media) throw new Error(`${where}: the document has no application/json body for this response`);
        validateBody(media.schema, res, where);
      } else if (res.text !== '') {
        throw new Error(`${where}: the document says no body, got ${JSON.stringify(res.text.slice(0, 200))}`);
      }
      for (const [name, header] of Object.entries((documented.headers ?? {}) as Record<string, Json>)) {
        const value = res.headers.get(name);
        if (value === null) {
          if (header.required) throw new Error(`${where}: required header ${name} is missing`);
          continue;
        }
        const validate = validator(header.schema as object);
        if (!validate(value)) throw new Error(`${where}: header ${name}=${value} does not match: ${ajv.errorsText(validate.errors)}`);
      }
    },
  };
}
