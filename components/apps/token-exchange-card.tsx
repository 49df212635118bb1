import { Card } from '@/components/ui/card';
import type { AppDetail } from '@/lib/apps/app-detail';
import { tokenExchangeCurl } from '@/lib/apps/snippets';
import { Snippet } from './snippet';

/**
 * For a service app an admin named as an API's backend: which products it may
 * exchange its callers' tokens for (RFC 8693), and the command that does it.
 */
export function TokenExchangeCard({ app }: { app: AppDetail }) {
  if (app.type !== 'service' || app.tokenExchange.length === 0) return null;
  const c = app.credentials;
  const first = app.tokenExchange[0]!;
  const resource = first.to.resource ?? first.to.apiProductId;
  return (
    <Card className="p-6" aria-labelledby="token-exchange-title">
      <h2 id="token-exchange-title" className="text-lg font-semibold">
        Calls to other APIs (token exchange)
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        An admin declared that this app is the backend of an API that calls others. It may exchange a token its callers sent to its API for
        a token whose audience is the product it calls, with no more than its own subscription and the caller’s token allow; the new token’s{' '}
        <code>act</code> claim names this app.
      </p>
      <ul className="mt-4 space-y-1 text-sm" data-testid="token-exchange-relationships">
        {app.tokenExchange.map((r) => (
          <li key={`${r.from.apiProductId}-${r.to.apiProductId}`}>
            <strong>{r.from.name}</strong> → <strong>{r.to.name}</strong>
            {!app.subscriptions.some((s) => s.product.apiProductId === r.to.apiProductId && s.status === 'approved') && (
              <span className="ml-2 text-amber-700">(subscribe this app to {r.to.name}, or the exchange is refused)</span>
            )}
          </li>
        ))}
      </ul>
      {c.limits.tokenExchange ? (
        <p className="mt-3 text-sm text-slate-600">Not available with this identity provider: {c.limits.tokenExchange}.</p>
      ) : (
        <Snippet
          title="Exchange a caller’s token"
          code={tokenExchangeCurl({
            tokenEndpoint: c.tokenEndpoint,
            clientId: c.clientId ?? '',
            resource,
            assertion: app.clientAuth === 'private_key_jwt',
          })}
        />
      )}
    </Card>
  );
}
