'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { fieldError } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/query-keys';
import { deprecateProduct, undeprecateProduct } from '@/lib/client/versions';

/**
 * Deprecation with a sunset date (docs/architecture.md, "Product versions"):
 * the catalog marks the product, its subscribers are told, and the data path
 * adds Deprecation and Sunset headers to its responses.
 */
export function DeprecationCard({ productRef, sunset }: { productRef: string; sunset: string | undefined }) {
  const queryClient = useQueryClient();
  const [day, setDay] = useState(sunset ?? '');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.admin.product(productRef) });
  const deprecate = useMutation({ mutationFn: () => deprecateProduct(productRef, day), onSuccess: refresh });
  const restore = useMutation({ mutationFn: () => undeprecateProduct(productRef), onSuccess: refresh });
  const deprecated = sunset !== undefined;
  return (
    <Card className="p-6" aria-labelledby="deprecation-title">
      <h2 id="deprecation-title" className="text-lg font-semibold">
        Deprecation
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {deprecated
          ? `Deprecated; sunset ${sunset || 'not set'}. Responses through the gateway carry Deprecation and Sunset headers.`
          : 'Deprecate the product with a sunset date: the catalog marks it, subscribers are told, and its responses carry Deprecation and Sunset headers.'}
      </p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          deprecate.mutate();
        }}
      >
        <Field id="sunset-day" label="Sunset date" error={fieldError(deprecate.error, 'sunset')}>
          <Input id="sunset-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} required />
        </Field>
        <Button type="submit" variant={deprecated ? 'secondary' : 'danger'} disabled={deprecate.isPending || !day}>
          {deprecated ? 'Move the sunset date' : 'Deprecate'}
        </Button>
        {deprecated && (
          <Button type="button" variant="secondary" disabled={restore.isPending} onClick={() => restore.mutate()}>
            Take the deprecation back
          </Button>
        )}
      </form>
      {(deprecate.error ?? restore.error) && !fieldError(deprecate.error, 'sunset') && (
        <div className="mt-3">
          <Notice tone="error">{(deprecate.error ?? restore.error)!.message}</Notice>
        </div>
      )}
    </Card>
  );
}
