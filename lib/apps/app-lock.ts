// Changes to one application's IdP client run one at a time in this process:
// each computes "the approved products" and writes it to the IdP, and two
// interleaved writes would let the older set win. (One portal process serves
// the portal; run more and this becomes a database lease.)

const tails = new Map<string, Promise<unknown>>();

export async function withAppLock<T>(appId: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(appId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(work);
  tails.set(appId, run);
  try {
    return await run;
  } finally {
    if (tails.get(appId) === run) tails.delete(appId);
  }
}
