import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** A plain HTML form: it posts to the IdP, works without JavaScript. */
export function SignInForm({ uid, clientName, email, failed }: { uid: string; clientName: string; email?: string; failed: boolean }) {
  return (
    <form method="post" action={`/oidc/interaction/${uid}/login`} className="space-y-5" noValidate={false}>
      <div>
        <h1 className="text-xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">
          to continue to <strong className="font-medium text-slate-900">{clientName}</strong>
        </p>
      </div>
      {failed && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
          That email and password don’t match an account. Check them and try again.
        </p>
      )}
      <div className="space-y-1.5">
        <label htmlFor="email" className="text-sm font-medium text-slate-800">
          Email
        </label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={email}
          autoFocus={!email}
          aria-invalid={failed}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className="text-sm font-medium text-slate-800">
          Password
        </label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={!!email}
          aria-invalid={failed}
        />
      </div>
      <Button type="submit" size="lg" className="w-full">
        Sign in
      </Button>
    </form>
  );
}
