'use client';

/** While a sign-in pop-up is open: say where to finish it, and let it be cancelled. */
export function SignInPending({ onCancel }: { onCancel: () => void }) {
  return (
    <p className="mt-3 text-sm text-slate-600">
      Finish signing in in the pop-up window.{' '}
      <button type="button" className="font-medium text-brand-700 underline" onClick={onCancel}>
        Cancel
      </button>
    </p>
  );
}
