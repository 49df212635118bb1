'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { setPasswordWithLink } from '@/lib/client/auth';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { setPasswordSchema } from '@/lib/people/schemas';

/** The page a one-time link opens: choose a Lanyard ID password, then sign in with it. */
export function SetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const form = useFieldErrors(setPasswordSchema);
  const save = useMutation({
    mutationFn: (input: { token: string; password: string }) => setPasswordWithLink(input.token, input.password),
  });

  if (save.isSuccess) {
    return (
      <div className="space-y-4" role="status">
        <h1 className="text-xl font-semibold">Your password is set</h1>
        <p className="text-sm text-slate-600">Sign in as {save.data.email} with your new password.</p>
        <ButtonLink href="/signin">Sign in</ButtonLink>
      </div>
    );
  }
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        setMismatch(password !== repeat);
        const parsed = form.check({ token, password });
        if (parsed && password === repeat) save.mutate(parsed);
      }}
    >
      <div>
        <h1 className="text-xl font-semibold">Choose your Lanyard ID password</h1>
        <p className="mt-1 text-sm text-slate-600">This link works once. At least 12 characters; a few words in a row make a good one.</p>
      </div>
      <Field id="new-password" label="New password" error={form.error('password', save.error)}>
        <Input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Field id="repeat-password" label="The same password again" error={mismatch ? 'The two passwords differ' : undefined}>
        <Input
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
      </Field>
      {save.isError && !form.error('password', save.error) && <Notice tone="error">{save.error.message}</Notice>}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Set password'}
      </Button>
    </form>
  );
}
