'use client';

import { useState } from 'react';
import type { z } from 'zod';
import { fieldErrors } from '../field-errors';
import { fieldError } from './api';

/**
 * Inline validation for a form, with the very zod schema its API route
 * enforces: `check` parses the values (showing each field's first message),
 * `error` gives a field's message, whether it came from that check or from the
 * server's answer, and `clear` drops one while the user edits it.
 */
export function useFieldErrors<S extends z.ZodType>(schema: S) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  return {
    check(values: unknown): z.infer<S> | undefined {
      const parsed = schema.safeParse(values);
      setErrors(parsed.success ? {} : fieldErrors(parsed.error));
      return parsed.success ? parsed.data : undefined;
    },
    error: (field: string, serverError?: unknown): string | undefined => errors[field] ?? fieldError(serverError, field),
    clear: (field: string) => setErrors(({ [field]: _, ...rest }) => rest),
  };
}
