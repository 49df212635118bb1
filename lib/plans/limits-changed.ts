// Tells the data path running inside this process (the portal's demo
// gateway, lib/server/portal-routes.ts) that plans or subscriptions changed,
// so it reloads its limits table now rather than at its next refresh. Next's
// bundles and server.ts load this module separately, so the listeners live on
// globalThis. A standalone authz process learns the change at its next poll.

type Listener = () => void;
const global = globalThis as unknown as { __lanyardLimitsListeners?: Set<Listener> };

function listeners(): Set<Listener> {
  global.__lanyardLimitsListeners ??= new Set();
  return global.__lanyardLimitsListeners;
}

export function onLimitsChanged(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function limitsChanged(): void {
  for (const listener of listeners()) {
    try {
      listener();
    } catch (err) {
      console.error('A limits listener failed:', err);
    }
  }
}
