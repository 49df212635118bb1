'use client';

import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/**
 * A list of URLs, one input per row, each with its own inline error
 * (`<field>.<row>` from the API's schema) and the list's own (`<field>`).
 */
export function UriListField({
  id,
  label,
  hint,
  values,
  onChange,
  error,
  placeholder,
}: {
  id: string;
  label: string;
  hint?: string;
  values: string[];
  onChange: (values: string[]) => void;
  error: (key: string) => string | undefined;
  placeholder?: string;
}) {
  const listError = error(id);
  return (
    <fieldset className="space-y-1.5" aria-describedby={`${id}-error`}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {values.map((value, i) => {
        const rowError = error(`${id}.${i}`);
        return (
          <div key={i} className="space-y-1">
            <div className="flex gap-2">
              <Input
                aria-label={`${label} ${i + 1}`}
                value={value}
                placeholder={placeholder}
                aria-invalid={!!rowError}
                className="font-mono"
                onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
              />
              <Button
                type="button"
                variant="ghost"
                size="sm"
                aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
                onClick={() => onChange(values.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
            </div>
            {rowError && <p className="text-sm text-red-700">{rowError}</p>}
          </div>
        );
      })}
      <Button type="button" variant="secondary" size="sm" onClick={() => onChange([...values, ''])}>
        Add a URL
      </Button>
      {listError ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {listError}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </fieldset>
  );
}
