'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { ApiClientError } from '@/lib/client/api';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { DEFAULT_MAX_OPENAPI_BYTES, productCreateSchema, productUpdateSchema } from '@/lib/products/schemas';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import type { AdminProductDetail } from '@/lib/products/admin-products';
import type { OpenApiWarning } from '@/lib/products/openapi';

interface Values {
  apiProductId: string;
  name: string;
  description: string;
  version: string;
  approvalRequired: boolean;
}

interface Upload {
  fileName: string;
  text: string;
}

/**
 * Create (no `product`) or edit a product. The OpenAPI file is read in the
 * browser and validated by the server; `maxBytes` is the server's limit
 * (LANYARD_MAX_OPENAPI_MB). Warnings about the document (a `pattern` that is
 * no valid regular expression) are shown before going on to the product.
 */
export function ProductForm({ product, maxBytes = DEFAULT_MAX_OPENAPI_BYTES }: { product?: AdminProductDetail; maxBytes?: number }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = !!product;
  const [values, setValues] = useState<Values>({
    apiProductId: product?.apiProductId ?? '',
    name: product?.name ?? '',
    description: product?.description ?? '',
    version: product?.version ?? '',
    approvalRequired: product?.approvalRequired ?? false,
  });
  const [upload, setUpload] = useState<Upload | null>(null);
  // The API's own schemas: create needs an id and a document, an edit neither.
  const form = useFieldErrors(editing ? productUpdateSchema : productCreateSchema);
  const [tooLarge, setTooLarge] = useState(false);
  const [saved, setSaved] = useState<{ slug: string; warnings: OpenApiWarning[] } | null>(null);
  const open = (slug: string) => {
    router.push(`/admin/products/${encodeURIComponent(slug)}`);
    router.refresh();
  };

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (editing ? adminApi.updateProduct(product.slug, body) : adminApi.publishProduct(body)),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.products() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.product(result.slug) });
      if (result.warnings?.length) setSaved({ slug: result.slug, warnings: result.warnings });
      else open(result.slug);
    },
  });

  const error = (field: string) =>
    field === 'openapi' && tooLarge ? `The OpenAPI document may be at most ${maxBytes / 1024 / 1024} MB` : form.error(field, save.error);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // Editing a field clears its message until the next save.
    form.clear(key);
  };

  async function pickFile(file: File | undefined) {
    form.clear('openapi');
    save.reset();
    setTooLarge(false);
    if (!file) return setUpload(null);
    if (file.size > maxBytes) {
      setUpload(null);
      return setTooLarge(true);
    }
    const text = await file.text();
    setUpload({ fileName: file.name, text });
    // Fill the name and version from a JSON document's info, if still blank.
    try {
      const info = (JSON.parse(text) as { info?: { title?: unknown; version?: unknown } }).info;
      setValues((v) => ({
        ...v,
        name: v.name || (typeof info?.title === 'string' ? info.title.slice(0, 100) : ''),
        version: v.version || (typeof info?.version === 'string' ? info.version.slice(0, 40) : ''),
      }));
    } catch {
      // YAML, or not parseable: the server says what is wrong with it.
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (tooLarge) return;
    const body = form.check({
      name: values.name,
      description: values.description,
      version: values.version,
      approvalRequired: values.approvalRequired,
      ...(editing ? upload && { openapi: upload.text } : { apiProductId: values.apiProductId, openapi: upload?.text ?? '' }),
    });
    if (body) save.mutate(body);
  }

  const generalError =
    save.error && !(save.error instanceof ApiClientError && Object.keys(save.error.fields).length) ? save.error.message : null;
  const cancelHref = editing ? `/admin/products/${encodeURIComponent(product.slug)}` : '/admin/products';

  if (saved) {
    return (
      <Card className="space-y-4 p-6" data-testid="openapi-warnings">
        <Notice tone="warning">
          {editing ? 'Saved' : 'Published'}, with {saved.warnings.length} warning{saved.warnings.length === 1 ? '' : 's'} about the OpenAPI
          document. These parts are not checked; fix them in the document when you can.
        </Notice>
        <ul className="max-h-80 space-y-2 overflow-auto text-sm">
          {saved.warnings.slice(0, 100).map((w) => (
            <li key={w.path}>
              <code className="font-mono text-xs text-slate-700">{w.path}</code>
              <span className="block text-slate-600">{w.message}</span>
            </li>
          ))}
          {saved.warnings.length > 100 && <li className="text-slate-500">…and {saved.warnings.length - 100} more.</li>}
        </ul>
        <div className="flex justify-end border-t border-slate-100 pt-4">
          <Button type="button" onClick={() => open(saved.slug)}>
            Go to the product
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <Card className="p-6">
      <form noValidate onSubmit={submit} className="space-y-5" aria-label={editing ? 'Edit API product' : 'New API product'}>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            id="product-id"
            label="API product id"
            error={error('apiProductId')}
            hint={
              editing
                ? 'The id is the scope in the IdP, so it cannot change.'
                : 'Becomes the OAuth scope and the gateway route label, e.g. tracks or https://api.example.com/tracks.'
            }
          >
            <Input
              id="product-id"
              value={values.apiProductId}
              onChange={(e) => set('apiProductId', e.target.value)}
              disabled={editing}
              placeholder="weather"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={!!error('apiProductId')}
              aria-describedby={error('apiProductId') ? 'product-id-error' : undefined}
              className="font-mono"
            />
          </Field>
          <Field id="product-name" label="Name" error={error('name')}>
            <Input
              id="product-name"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              placeholder="Weather API"
              aria-invalid={!!error('name')}
              aria-describedby={error('name') ? 'product-name-error' : undefined}
            />
          </Field>
        </div>
        <Field id="product-description" label="Description" error={error('description')} hint="Shown in the catalog.">
          <textarea
            id="product-description"
            rows={3}
            className={textareaClass}
            value={values.description}
            onChange={(e) => set('description', e.target.value)}
            aria-invalid={!!error('description')}
          />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="product-version" label="Version" error={error('version')} hint="Leave blank to use the document’s info.version.">
            <Input
              id="product-version"
              value={values.version}
              onChange={(e) => set('version', e.target.value)}
              placeholder="1.0.0"
              aria-invalid={!!error('version')}
            />
          </Field>
          <div className="space-y-1.5">
            <span className="text-sm font-medium text-slate-800">Access</span>
            <label className="flex items-start gap-3 rounded-lg border border-slate-200 p-3 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 h-4 w-4 accent-brand-600"
                checked={values.approvalRequired}
                onChange={(e) => set('approvalRequired', e.target.checked)}
              />
              <span>
                <span className="font-medium text-slate-900">Subscriptions need an admin’s approval</span>
                <span className="block text-slate-500">Otherwise an app gets the scope as soon as it subscribes.</span>
              </span>
            </label>
          </div>
        </div>
        <Field
          id="product-openapi"
          label={editing ? 'Replace the OpenAPI document' : 'OpenAPI document'}
          error={error('openapi')}
          hint={
            upload
              ? `${upload.fileName} · ${(upload.text.length / 1024).toFixed(1)} KB, checked when you save`
              : editing
                ? `Optional. OpenAPI 3, JSON or YAML, up to ${maxBytes / 1024 / 1024} MB.`
                : `OpenAPI 3, JSON or YAML, up to ${maxBytes / 1024 / 1024} MB. It is validated before anything is published.`
          }
        >
          <input
            id="product-openapi"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            onChange={(e) => void pickFile(e.target.files?.[0])}
            aria-invalid={!!error('openapi')}
            aria-describedby={error('openapi') ? 'product-openapi-error' : undefined}
            className="block w-full rounded-lg border border-dashed border-slate-300 bg-slate-50 p-3 text-sm text-slate-700 file:mr-4 file:rounded-md file:border-0 file:bg-brand-600 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-white hover:file:bg-brand-700"
          />
        </Field>
        {generalError && <Notice tone="error">{generalError}</Notice>}
        <div className="flex justify-end gap-3 border-t border-slate-100 pt-5">
          <ButtonLink href={cancelHref} variant="ghost">
            Cancel
          </ButtonLink>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? (editing ? 'Saving…' : 'Publishing…') : editing ? 'Save changes' : 'Publish product'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
