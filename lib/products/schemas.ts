import { z } from 'zod';
import { oneLine } from '../text-rules';
import { apiProductIdSchema } from '../idp/api-product-id';
import { optionalText, pageSchema } from '../pagination';

/**
 * The default largest OpenAPI document an upload may carry. The server's
 * limit is LANYARD_MAX_OPENAPI_MB (lib/products/openapi.ts checks it); the
 * admin form is told the configured value by its page.
 */
export const DEFAULT_MAX_OPENAPI_BYTES = 32 * 1024 * 1024;

// What the product form sends. The OpenAPI document travels as the uploaded
// file's text; lib/products/openapi.ts parses and validates it.

const name = oneLine(z.string().trim().min(1, 'Give the product a name').max(100, 'Keep the name under 100 characters'));
const description = z.string().trim().max(2000, 'Keep the description under 2,000 characters');
const version = z
  .string()
  .trim()
  .max(40, 'Keep the version under 40 characters')
  .regex(/^[\w.+-]*$/, 'Use letters, digits, ".", "-" or "+", e.g. 1.2.0');
// The size is checked against the configured limit where the document is checked.
const openapi = z.string().min(1, 'Upload an OpenAPI 3 document');

// The shared id rules, worded for a form field.
const apiProductId = z
  .string()
  .trim()
  .min(1, 'Give the product an id: it becomes the OAuth scope, e.g. tracks')
  .superRefine((value, ctx) => {
    const parsed = apiProductIdSchema.safeParse(value);
    if (!parsed.success) ctx.addIssue({ code: 'custom', message: `The id ${parsed.error.issues[0]?.message ?? 'is not valid'}` });
  });

export const productCreateSchema = z.object({
  apiProductId,
  name,
  description: description.default(''),
  /** Blank: the document's info.version. */
  version: version.default(''),
  approvalRequired: z.boolean().default(false),
  openapi,
});

export const productUpdateSchema = z
  .object({
    name: name.optional(),
    description: description.optional(),
    version: version.optional(),
    approvalRequired: z.boolean().optional(),
    openapi: openapi.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Change at least one field');

export type ProductCreateInput = z.infer<typeof productCreateSchema>;
export type ProductUpdateInput = z.infer<typeof productUpdateSchema>;

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The catalog's URL: /apis?q=&tag=&approval=&sort=&page= (docs/architecture.md, "Catalog and lists at scale"). */
export const catalogQuerySchema = pageSchema.extend({
  /** Words that must all occur in the name, id, description, tags or an operation summary. */
  q: optionalText(200),
  tag: optionalText(100),
  /** required: only products whose subscriptions need approval; open: only those that do not. */
  approval: z.preprocess(blankIsAbsent, z.enum(['required', 'open']).optional()),
  sort: z.preprocess(blankIsAbsent, z.enum(['name', 'updated']).default('name')),
});

export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

/** GET /api/admin/products: ?q (name or id), ?page, ?pageSize (25–50); ?view=options for every product's id and name only (a select's options). */
export const adminProductListQuery = pageSchema.extend({
  q: optionalText(200),
  view: z.preprocess(blankIsAbsent, z.enum(['options']).optional()),
});

export type AdminProductListQuery = z.infer<typeof adminProductListQuery>;
