// An error as Cognito's JSON 1.1 API answers it: `{"__type", "message"}` with
// the type also in x-amzn-ErrorType. Client faults are 400, server faults 500.

export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new AwsError('ResourceNotFoundException', message);
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);

/** The wording of the service's input validation errors (it names fields in camelCase). */
export function validationError(field: string, value: unknown, constraint: string): AwsError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  const name = field.charAt(0).toLowerCase() + field.slice(1);
  return invalidParameter(`1 validation error detected: Value '${shown}' at '${name}' failed to satisfy constraint: ${constraint}`);
}

export function checkString(
  field: string,
  value: unknown,
  { pattern, min = 1, max, required = false }: { pattern?: RegExp; min?: number; max: number; required?: boolean },
): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw validationError(field, null, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') throw new AwsError('SerializationException', `${field} must be a string`);
  if (value.length < min) throw validationError(field, value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw validationError(field, value, `Member must have length less than or equal to ${max}`);
  if (pattern && !new RegExp(`^(?:${pattern.source})$`, pattern.flags).test(value)) {
    throw validationError(field, value, `Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
}

export function checkEnum<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!allowed.includes(value as T)) throw validationError(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value as T;
}

export function checkList(
  field: string,
  value: unknown,
  { min = 0, max = 1000 }: { min?: number; max?: number } = {},
): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new AwsError('SerializationException', `${field} must be a list`);
  if (value.length < min) throw validationError(field, value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw validationError(field, value, `Member must have length less than or equal to ${max}`);
  return value;
}
