import { Button } from '@/components/ui/button';
import { scopeDescriptions } from './scope-descriptions';

function Allowed({ children, code }: { children: React.ReactNode; code: string }) {
  return (
    <li className="flex items-start gap-2 text-sm text-slate-700">
      <span aria-hidden className="mt-0.5 text-emerald-600">
        ✓
      </span>
      <span>
        {children} <code className="ml-1 text-xs text-slate-400">{code}</code>
      </span>
    </li>
  );
}

/**
 * The embedded IdP's consent page: what the person's identity is shared for,
 * and which API products the application may call as them.
 */
export function ConsentForm({
  uid,
  clientName,
  scopes,
  products = [],
}: {
  uid: string;
  clientName: string;
  scopes: string[];
  products?: { scope: string; name: string }[];
}) {
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Allow {clientName}?</h1>
        <p className="mt-1 text-sm text-slate-600">{clientName} is asking to:</p>
      </div>
      <ul className="space-y-2" aria-label="Identity">
        {scopes.map((scope) => (
          <Allowed key={scope} code={scope}>
            {scopeDescriptions[scope] ?? scope}
          </Allowed>
        ))}
      </ul>
      {products.length > 0 && (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-800">Call these APIs as you:</p>
          <ul className="space-y-2" aria-label="API products">
            {products.map((p) => (
              <Allowed key={p.scope} code={p.scope}>
                {p.name}
              </Allowed>
            ))}
          </ul>
        </div>
      )}
      <div className="flex gap-3">
        <form method="post" action={`/oidc/interaction/${uid}/consent`} className="flex-1">
          <Button type="submit" size="lg" className="w-full">
            Allow
          </Button>
        </form>
        <form method="post" action={`/oidc/interaction/${uid}/abort`} className="flex-1">
          <Button type="submit" size="lg" variant="secondary" className="w-full">
            Cancel
          </Button>
        </form>
      </div>
    </div>
  );
}
