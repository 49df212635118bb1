'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { changePassword } from '@/lib/client/auth';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { changePasswordSchema } from '@/lib/people/schemas';

export function ChangePasswordForm() {
  const [values, setValues] = useState({ current: '', password: '' });
  const form = useFieldErrors(changePasswordSchema);
  const save = useMutation({
    mutationFn: (input: { current: string; password: string }) => changePassword(input.current, input.password),
    onSuccess: () => setValues({ current: '', password: '' }),
  });
  return (
    <Card className="max-w-lg p-6">
      <h2 className="text-lg font-semibold">Change your password</h2>
      <form
        noValidate
        className="mt-4 space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = form.check(values);
          if (parsed) save.mutate(parsed);
        }}
      >
        <Field id="current-password" label="Current password" error={form.error('current', save.error)}>
          <Input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={values.current}
            onChange={(e) => setValues((v) => ({ ...v, current: e.target.value }))}
          />
        </Field>
        <Field id="changed-password" label="New password" error={form.error('password', save.error)} hint="At least 12 characters.">
          <Input
            id="changed-password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => setValues((v) => ({ ...v, password: e.target.value }))}
          />
        </Field>
        {save.isSuccess && <Notice tone="success">Your password is changed. Use it the next time you sign in.</Notice>}
        {save.isError && !form.error('current', save.error) && !form.error('password', save.error) && (
          <Notice tone="error">{save.error.message}</Notice>
        )}
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Change password'}
        </Button>
      </form>
    </Card>
  );
}
