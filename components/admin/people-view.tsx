'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ErrorState, Loading, Notice } from '@/components/ui/states';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { createPersonSchema } from '@/lib/people/schemas';
import { formatDate } from './format';
import { Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';

/** Lanyard ID accounts: who may sign in through the embedded IdP. */
export function PeopleView() {
  const queryClient = useQueryClient();
  const people = useQuery({ queryKey: queryKeys.admin.people(), queryFn: adminApi.listIdpPeople });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.admin.people() });
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [values, setValues] = useState({ email: '', name: '', admin: false });
  const form = useFieldErrors(createPersonSchema);
  const create = useMutation({
    mutationFn: adminApi.createIdpPerson,
    onSuccess: (created) => {
      setLink({ email: created.email, url: created.setPasswordUrl });
      setValues({ email: '', name: '', admin: false });
    },
    onSettled: refresh,
  });
  const toggle = useMutation({
    mutationFn: (p: { id: string; disabled: boolean }) => adminApi.setIdpPersonDisabled(p.id, p.disabled),
    onSettled: refresh,
  });
  const reset = useMutation({
    mutationFn: async (p: { id: string; email: string }) => ({
      email: p.email,
      url: (await adminApi.newPasswordLink(p.id)).setPasswordUrl,
    }),
    onSuccess: setLink,
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title="People"
        description="Lanyard ID accounts: who can sign in through the portal’s own identity provider. New people choose their password through a one-time link you send them."
      />
      {link && (
        <Notice tone="success">
          <span className="block">Send this one-time link to {link.email}. It works once, for 24 hours, and is not shown again.</span>
          <span className="mt-2 flex items-center gap-2">
            <code className="break-all font-mono text-xs" data-testid="password-link">
              {link.url}
            </code>
            <CopyButton value={link.url} label="Copy link" />
          </span>
        </Notice>
      )}
      <Card className="p-6">
        <h2 className="text-lg font-semibold">Add a person</h2>
        <form
          noValidate
          className="mt-4 grid gap-4 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = form.check(values);
            if (parsed) create.mutate(parsed);
          }}
        >
          <Field id="person-email" label="Email" error={form.error('email', create.error)}>
            <Input
              id="person-email"
              type="email"
              value={values.email}
              onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))}
            />
          </Field>
          <Field id="person-name" label="Name" error={form.error('name', create.error)}>
            <Input id="person-name" value={values.name} onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} />
          </Field>
          <label className="flex h-10 items-center gap-2 text-sm">
            <input type="checkbox" checked={values.admin} onChange={(e) => setValues((v) => ({ ...v, admin: e.target.checked }))} />
            Portal admin
          </label>
          <Button type="submit" disabled={create.isPending}>
            Add
          </Button>
        </form>
        {create.isError && !form.error('email', create.error) && (
          <div className="mt-3">
            <Notice tone="error">{create.error.message}</Notice>
          </div>
        )}
      </Card>
      {people.isPending ? (
        <Loading label="Loading people…" />
      ) : people.isError ? (
        <ErrorState message={people.error.message} onRetry={() => void people.refetch()} />
      ) : (
        <Table label="People">
          <thead>
            <tr>
              <Th>Person</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Added</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {people.data.map((p) => (
              <tr key={p.id} data-testid={`person-${p.email}`}>
                <Td>
                  <div className="font-medium text-slate-900">{p.name}</div>
                  <div className="text-xs text-slate-500">{p.email}</div>
                </Td>
                <Td>{p.admin ? <Badge tone="brand">Admin</Badge> : <Badge>Consumer</Badge>}</Td>
                <Td>
                  {p.disabled ? (
                    <Badge tone="red">Disabled</Badge>
                  ) : p.passwordSet ? (
                    <Badge tone="green">Active</Badge>
                  ) : (
                    <Badge tone="amber">Invited</Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-slate-500">{formatDate(p.createdAt)}</Td>
                <Td className="space-x-2 whitespace-nowrap text-right">
                  {!p.disabled && (
                    <Button size="sm" variant="secondary" onClick={() => reset.mutate({ id: p.id, email: p.email })}>
                      New password link
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant={p.disabled ? 'secondary' : 'danger'}
                    onClick={() => toggle.mutate({ id: p.id, disabled: !p.disabled })}
                  >
                    {p.disabled ? 'Enable' : 'Disable'}
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {(toggle.isError || reset.isError) && <Notice tone="error">{(toggle.error ?? reset.error)?.message}</Notice>}
    </div>
  );
}
