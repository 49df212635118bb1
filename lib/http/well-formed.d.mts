/** The path of the first string (or key) in `value` that is not well-formed text, or undefined. */
export function malformedTextPath(value: unknown, path?: string[], depth?: number): string | undefined;
