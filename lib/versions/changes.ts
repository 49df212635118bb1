// What changed between two OpenAPI documents of a product (docs/architecture.md,
// "Product versions"): operations added, removed and changed, and which of
// the changes break existing callers. Breaking, as a caller would notice:
// an operation removed, a parameter (or the request body) newly required, or
// an enum narrowed (a value the caller sent is refused now). Pure: no I/O.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type BreakingKind = 'operation_removed' | 'parameter_required' | 'request_body_required' | 'enum_narrowed';

export interface OperationRef {
  method: string;
  path: string;
}

export interface BreakingChange extends OperationRef {
  kind: BreakingKind;
  detail: string;
}

export interface ChangeSummary {
  added: OperationRef[];
  removed: OperationRef[];
  changed: (OperationRef & { notes: string[] })[];
  breaking: BreakingChange[];
}

export const NO_CHANGES: ChangeSummary = { added: [], removed: [], changed: [], breaking: [] };

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** Follows a local `$ref` (a few hops at most); anything else is returned as it is. */
function deref(doc: Json, value: unknown, hops = 0): Json {
  const o = obj(value);
  const ref = o.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || hops > 10) return o;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) node = obj(node)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return deref(doc, node, hops + 1);
}

interface Param {
  key: string;
  required: boolean;
  enum?: unknown[];
}

interface Operation {
  params: Map<string, Param>;
  bodyRequired: boolean;
  /** Enums of the request body's top-level properties (JSON). */
  bodyEnums: Map<string, unknown[]>;
  summary: string;
  deprecated: boolean;
  responses: string[];
}

function enumOf(doc: Json, schema: unknown): unknown[] | undefined {
  const s = deref(doc, schema);
  if (Array.isArray(s.enum)) return s.enum;
  const items = deref(doc, s.items);
  return Array.isArray(items.enum) ? items.enum : undefined;
}

function operations(doc: Json): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    const item = deref(doc, rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      if (!(method in item)) continue;
      const op = deref(doc, item[method]);
      const params = new Map<string, Param>();
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = deref(doc, raw);
        if (typeof p.name !== 'string' || typeof p.in !== 'string') continue;
        const key = `${p.in}:${p.name}`;
        params.set(key, { key, required: p.required === true || p.in === 'path', enum: enumOf(doc, p.schema) });
      }
      const body = deref(doc, op.requestBody);
      const bodyEnums = new Map<string, unknown[]>();
      const jsonSchema = deref(doc, obj(obj(obj(body.content)['application/json']).schema));
      for (const [name, prop] of Object.entries(obj(jsonSchema.properties))) {
        const e = enumOf(doc, prop);
        if (e) bodyEnums.set(name, e);
      }
      out.set(`${method.toUpperCase()} ${path}`, {
        params,
        bodyRequired: body.required === true,
        bodyEnums,
        summary: typeof op.summary === 'string' ? op.summary : '',
        deprecated: op.deprecated === true,
        responses: Object.keys(obj(op.responses)).sort(),
      });
    }
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a caller could send before and cannot now ('' when nothing), for an enum that changed. */
function narrowed(before: unknown[] | undefined, after: unknown[] | undefined): string {
  if (!after) return '';
  if (!before) return `any value but ${after.map((v) => JSON.stringify(v)).join(', ')}`;
  return before
    .filter((v) => !after.some((w) => same(v, w)))
    .map((v) => JSON.stringify(v))
    .join(', ');
}

export function diffOpenApi(beforeDoc: Json, afterDoc: Json): ChangeSummary {
  const before = operations(beforeDoc);
  const after = operations(afterDoc);
  const summary: ChangeSummary = { added: [], removed: [], changed: [], breaking: [] };
  const ref = (key: string): OperationRef => {
    const [method, ...rest] = key.split(' ');
    return { method: method!, path: rest.join(' ') };
  };
  for (const key of after.keys()) if (!before.has(key)) summary.added.push(ref(key));
  for (const [key, old] of before) {
    const op = after.get(key);
    if (!op) {
      summary.removed.push(ref(key));
      summary.breaking.push({ ...ref(key), kind: 'operation_removed', detail: `${key} was removed` });
      continue;
    }
    const notes: string[] = [];
    const breaking = (kind: BreakingKind, detail: string) => {
      notes.push(detail);
      summary.breaking.push({ ...ref(key), kind, detail });
    };
    for (const [pkey, p] of op.params) {
      const was = old.params.get(pkey);
      if (!was) {
        if (p.required) breaking('parameter_required', `new required parameter ${pkey}`);
        else notes.push(`new optional parameter ${pkey}`);
        continue;
      }
      if (p.required && !was.required) breaking('parameter_required', `parameter ${pkey} is now required`);
      const gone = narrowed(was.enum, p.enum);
      if (gone) breaking('enum_narrowed', `parameter ${pkey} no longer accepts ${gone}`);
      else if (!same(was.enum, p.enum)) notes.push(`parameter ${pkey} accepts other values`);
    }
    for (const pkey of old.params.keys()) if (!op.params.has(pkey)) notes.push(`parameter ${pkey} was removed`);
    if (op.bodyRequired && !old.bodyRequired) breaking('request_body_required', 'the request body is now required');
    for (const [name, values] of old.bodyEnums) {
      const gone = narrowed(values, op.bodyEnums.get(name));
      if (gone) breaking('enum_narrowed', `body field ${name} no longer accepts ${gone}`);
    }
    if (old.summary !== op.summary) notes.push('summary changed');
    if (!old.deprecated && op.deprecated) notes.push('marked deprecated');
    if (!same(old.responses, op.responses)) notes.push(`responses now ${op.responses.join(', ')}`);
    if (notes.length) summary.changed.push({ ...ref(key), notes });
  }
  return summary;
}

export function isBreaking(summary: ChangeSummary): boolean {
  return summary.breaking.length > 0;
}
