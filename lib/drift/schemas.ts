import { z } from 'zod';

/** POST /api/admin/drift/reconcile: a dry run unless told otherwise. */
export const reconcileSchema = z.object({ dryRun: z.boolean().default(true), deleteExtraProducts: z.boolean().default(false) });
