'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import { declareProductCall, listProductCalls, removeProductCall } from '@/lib/client/token-exchange';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { productCallSchema } from '@/lib/token-exchange/schemas';

/**
 * Which other products this product's implementation calls, and the service
 * application it calls them as. That application may then
 * exchange a token sent to this product for one audience-restricted to the
 * product it calls (RFC 8693); the identity provider decides the scopes at
 * issuance. Where the IdP cannot do that, the card says so instead.
 */
export function ProductCallsCard({ productRef, apiProductId }: { productRef: string; apiProductId: string }) {
  const queryClient = useQueryClient();
  const key = [...queryKeys.admin.product(productRef), 'calls'] as const;
  const calls = useQuery({ queryKey: key, queryFn: () => listProductCalls(productRef) });
  const products = useQuery({ queryKey: queryKeys.admin.productOptions(), queryFn: adminApi.listProductOptions });
  const form = useFieldErrors(productCallSchema);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const declare = useMutation({
    mutationFn: (input: { calleeApiProductId: string; applicationId: string }) => declareProductCall(productRef, input),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (callId: string) => removeProductCall(productRef, callId), onSuccess: refresh });
  const unavailable = calls.data?.unavailable;
  const others = (products.data ?? []).filter((p) => p.apiProductId !== apiProductId);

  return (
    <Card className="p-6" role="region" aria-labelledby="calls-title">
      <h2 id="calls-title" className="text-lg font-semibold">
        Calls to other products
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        If this API calls other API products, name them and the service application it calls them as. That application may exchange a token
        sent to this API for a token for the product it calls, scoped to its own subscription and the caller’s token (token exchange, RFC
        8693).
      </p>
      {unavailable ? (
        <div className="mt-4">
          <Notice tone="info">Not available with this identity provider: {unavailable}.</Notice>
        </div>
      ) : (
        <>
          {calls.data && calls.data.calls.length > 0 && (
            <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="product-calls">
              {calls.data.calls.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                  <span>
                    Calls <strong>{c.callee.name}</strong> as <strong>{c.application.name}</strong>
                  </span>
                  {!c.subscribed && <span className="text-amber-700">(not subscribed to {c.callee.name}: exchanges are refused)</span>}
                  <Button className="ml-auto" size="sm" variant="secondary" disabled={remove.isPending} onClick={() => remove.mutate(c.id)}>
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <form
            noValidate
            className="mt-4 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              const data = new FormData(e.currentTarget);
              const parsed = form.check({ calleeApiProductId: data.get('callee'), applicationId: data.get('applicationId') });
              if (parsed) declare.mutate(parsed);
            }}
          >
            <Field id="call-callee" label="Calls" error={form.error('calleeApiProductId', declare.error)}>
              <select id="call-callee" name="callee" className={selectClass} defaultValue="">
                <option value="" disabled>
                  Choose a product
                </option>
                {others.map((p) => (
                  <option key={p.apiProductId} value={p.apiProductId}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="call-app"
              label="As application (id)"
              error={form.error('applicationId', declare.error)}
              hint="The API’s own service application: its id is in its page’s URL."
            >
              <Input id="call-app" name="applicationId" className="font-mono" placeholder="3f2a…" />
            </Field>
            <Button type="submit" disabled={declare.isPending}>
              Add
            </Button>
          </form>
          {(declare.error || remove.error) &&
            !form.error('applicationId', declare.error) &&
            !form.error('calleeApiProductId', declare.error) && (
              <div className="mt-3">
                <Notice tone="error">{(declare.error ?? remove.error)!.message}</Notice>
              </div>
            )}
        </>
      )}
    </Card>
  );
}
