import 'server-only';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { env } from '../env';
import { invalid } from '../errors';
import type { DocumentFacts } from './document-facts.mjs';

// An uploaded OpenAPI document, checked before anything is published: it must
// parse (JSON or YAML, with a limit on YAML alias expansion), be OpenAPI 3.x,
// and pass @apidevtools/swagger-parser's validation (the OAS schema, then
// every $ref). External $refs (files, URLs) are not followed: an upload must
// not make the server read files or call other hosts. A `pattern` that is no
// valid regular expression is a warning, not a refusal. The work runs in a
// worker thread (openapi-worker.mjs), so a 13 MB document does not hold up
// other requests (docs/architecture.md, "Product pages and big documents").

export interface OpenApiWarning {
  /** A JSON pointer into the document, e.g. #/components/schemas/Repo/properties/name/pattern. */
  path: string;
  message: string;
}

export interface CheckedOpenApi {
  /** The document as JSON, as stored. */
  json: string;
  title: string;
  /** info.description, or '' (what /api/v1 publishes as the product's description when none is given). */
  description: string;
  version: string;
  openapiVersion: string;
  /** What the catalog lists show of it, derived where it was parsed (lib/products/listing.ts). */
  facts: DocumentFacts;
  warnings: OpenApiWarning[];
}

type WorkerReply = { id: number; ok: true } & CheckedOpenApi;
type WorkerFailure = { id: number; ok: false; message: string };
/** An upload's answer (openapi-worker.mjs, checkUpload). */
export type UploadReply =
  { ok: true; fields: unknown; checked?: CheckedOpenApi } | { ok: false; body: 'json' } | { ok: false; body: 'text'; path: string };
type Reply = { id: number } & (WorkerReply | WorkerFailure | UploadReply);

const invalidDocument = (message: string) =>
  invalid(`The OpenAPI document is not valid: ${message}`, { openapi: `Not a valid OpenAPI 3 document: ${message}` });

/** The largest document an upload may carry (LANYARD_MAX_OPENAPI_MB). */
export function maxOpenApiBytes(): number {
  return env().LANYARD_MAX_OPENAPI_MB * 1024 * 1024;
}

// One worker per process, started on the first check and stopped when idle:
// publishing is rare, and an idle worker would hold its heap for nothing.
// Checks queue on it one at a time. Its heap is capped, so a document that
// needs more memory than that fails alone instead of taking the portal down.
// Its young generation is kept small: the check makes few short-lived
// objects worth a big nursery, and with V8's default one GitHub's 13 MB
// document took 156 MB more of the process's memory at its peak, with 4 MB
// (and the worker letting go of the text before validating) 85–96 MB, in the
// same time.
const IDLE_MS = 10_000;
const WORKER_HEAP_MB = 1024;
const WORKER_YOUNG_MB = 4;
// The worker is plain JavaScript, loaded from disk: Next's bundles and tsx
// resolve this path the same way (the process runs in the project directory).
const WORKER_FILE = path.join(process.cwd(), 'lib/products/openapi-worker.mjs');

interface Pending {
  resolve: (value: Reply) => void;
  reject: (err: unknown) => void;
}

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function startWorker(): Worker {
  const w = new Worker(WORKER_FILE, {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  w.on('message', (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (!reply.ok && 'message' in reply) job.reject(invalidDocument(reply.message));
    else job.resolve(reply);
    if (pending.size === 0) {
      // Idle: no longer a reason for the process to stay up (a script exits once its work is done).
      w.unref();
      scheduleStop(w);
    }
  });
  const fail = (err: unknown) => {
    if (worker === w) worker = undefined;
    const message =
      err instanceof Error && /memory/i.test(err.message)
        ? `checking it needs more than ${WORKER_HEAP_MB} MB of memory`
        : `the checker stopped (${err instanceof Error ? err.message : String(err)})`;
    for (const job of pending.values()) job.reject(invalidDocument(message));
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => {
    if (worker === w) worker = undefined;
    if (pending.size) fail(new Error(`exit code ${code}`));
  });
  return w;
}

function scheduleStop(w: Worker): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (worker === w && pending.size === 0) {
      worker = undefined;
      void w.terminate();
    }
  }, IDLE_MS);
  idleTimer.unref();
}

function ask(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> {
  clearTimeout(idleTimer);
  worker ??= startWorker();
  const id = nextId++;
  const w = worker;
  // While a check is in flight the worker keeps the process alive: its answer is awaited.
  w.ref();
  return new Promise<Reply>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, ...message }, transfer);
  });
}

const withoutId = ({ id: _id, ok: _ok, ...checked }: WorkerReply): CheckedOpenApi => checked;

export async function checkOpenApi(text: string): Promise<CheckedOpenApi> {
  const max = maxOpenApiBytes();
  if (Buffer.byteLength(text, 'utf8') > max) throw invalidDocument(`it is larger than ${max / 1024 / 1024} MB`);
  return withoutId((await ask({ text })) as WorkerReply);
}

/**
 * A request body whose `field` holds a document, handed to the worker as
 * bytes (moved, not copied): it decodes and parses the body, checks its
 * text, and checks the document (lib/products/document-upload.ts).
 */
export async function checkUpload(body: ArrayBuffer, field: string): Promise<UploadReply> {
  const { id: _id, ...reply } = (await ask({ upload: body, field, maxBytes: maxOpenApiBytes() }, [body])) as { id: number } & UploadReply;
  return reply;
}
