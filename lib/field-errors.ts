import type { ZodError } from 'zod';

/**
 * zod issues as `{ "path.to.field": "message" }`, first message per field: the
 * `fields` of an API error, and what forms show inline. Used on both sides so
 * a form checks with the very schema its route enforces.
 */
export function fieldErrors(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
