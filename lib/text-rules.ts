import type { z } from 'zod';

// Rules for text fields, shared by the schemas of every domain.

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Names and titles: one line, no control characters (a newline in a name breaks lists, logs and CSV). */
export const oneLine = (schema: z.ZodString) => schema.refine((v) => !CONTROL.test(v), 'Keep it on one line, without control characters');
