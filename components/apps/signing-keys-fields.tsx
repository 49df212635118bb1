'use client';

import { Field, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

export type KeySource = 'jwks' | 'jwksUri';

/**
 * The public keys of a private_key_jwt app: a pasted JWK Set (form field
 * `jwks`) or a JWKS URL (`jwksUri`), one of the two. Used when creating the
 * app and when replacing its keys.
 */
export function SigningKeysFields({
  idPrefix,
  source,
  onSourceChange,
  error,
  defaults = {},
  jwksHint,
}: {
  idPrefix: string;
  source: KeySource;
  onSourceChange: (source: KeySource) => void;
  error: (field: string) => string | undefined;
  defaults?: { jwks?: string; jwksUri?: string };
  jwksHint: string;
}) {
  return (
    <>
      <div className="flex gap-4 text-sm">
        <label className="flex gap-2">
          <input type="radio" name="keySource" checked={source === 'jwks'} onChange={() => onSourceChange('jwks')} /> Paste a JWK Set
        </label>
        <label className="flex gap-2">
          <input type="radio" name="keySource" checked={source === 'jwksUri'} onChange={() => onSourceChange('jwksUri')} /> JWKS URL
        </label>
      </div>
      {source === 'jwks' ? (
        <Field id={`${idPrefix}-jwks`} label="Public keys (JWK Set)" error={error('jwks')} hint={jwksHint}>
          <textarea
            id={`${idPrefix}-jwks`}
            name="jwks"
            rows={5}
            className={`${textareaClass} font-mono text-xs`}
            defaultValue={defaults.jwks}
            aria-invalid={!!error('jwks')}
          />
        </Field>
      ) : (
        <Field
          id={`${idPrefix}-jwks-uri`}
          label="JWKS URL"
          error={error('jwksUri') ?? error('jwks')}
          hint="A public https URL the identity provider fetches your keys from."
        >
          <Input
            id={`${idPrefix}-jwks-uri`}
            name="jwksUri"
            className="font-mono"
            defaultValue={defaults.jwksUri}
            placeholder="https://keys.example.com/.well-known/jwks.json"
          />
        </Field>
      )}
    </>
  );
}

/** The chosen source's value from a submitted form. */
export function signingKeysFrom(data: FormData, source: KeySource): { jwks: string } | { jwksUri: string } {
  return source === 'jwks' ? { jwks: String(data.get('jwks') ?? '') } : { jwksUri: String(data.get('jwksUri') ?? '') };
}
