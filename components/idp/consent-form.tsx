import { Button } from '@/components/ui/button';
import { scopeDescriptions } from './scope-descriptions';

export function ConsentForm({ uid, clientName, scopes }: { uid: string; clientName: string; scopes: string[] }) {
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Allow {clientName}?</h1>
        <p className="mt-1 text-sm text-slate-600">{clientName} is asking to:</p>
      </div>
      <ul className="space-y-2">
        {scopes.map((scope) => (
          <li key={scope} className="flex items-start gap-2 text-sm text-slate-700">
            <span aria-hidden className="mt-0.5 text-emerald-600">
              ✓
            </span>
            <span>
              {scopeDescriptions[scope] ?? scope} <code className="ml-1 text-xs text-slate-400">{scope}</code>
            </span>
          </li>
        ))}
      </ul>
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
