'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, selectClass, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { fieldError } from '@/lib/client/api';
import { fetchToken as fetchTokenFor, getApp } from '@/lib/client/apps';
import { getTryItOperations } from '@/lib/client/catalog';
import { queryKeys } from '@/lib/client/query-keys';
import { TryItSignIn } from './try-it-sign-in';

export interface TryItApp {
  id: string;
  name: string;
  subscribed: boolean;
}

interface GatewayAnswer {
  status: number;
  wwwAuthenticate: string | null;
  /** The plan's limits as the gateway reported them (draft-ietf-httpapi-ratelimit-headers). */
  limitHeaders: [string, string][];
  body: string;
}

const LIMIT_HEADERS = ['Retry-After', 'RateLimit-Policy', 'RateLimit'];

/**
 * Calls the product's API through the demo gateway, which runs the data-path
 * check: with a token holding this product's scope the call goes through,
 * without it the gateway answers 403 (or 401 for no or a bad token).
 */
export function TryIt({
  productName,
  slug,
  gatewayBase,
  apps,
  secretReadable,
}: {
  productName: string;
  /** The product's slug: its operations are fetched from /api/catalog/<slug>/operations. */
  slug: string;
  gatewayBase: string;
  apps: TryItApp[];
  secretReadable: boolean;
}) {
  const [appId, setAppId] = useState(apps.find((a) => a.subscribed)?.id ?? apps[0]?.id ?? '');
  const [secret, setSecret] = useState('');
  const [token, setToken] = useState('');
  const [op, setOp] = useState(0);
  const listed = useQuery({ queryKey: queryKeys.tryItOperations(slug), queryFn: () => getTryItOperations(slug), staleTime: 60_000 });
  const operations = listed.data ?? [];
  // Null until the person edits it: the chosen operation's path.
  const [typedPath, setPath] = useState<string | null>(null);
  const path = typedPath ?? operations[op]?.path ?? '/';

  const fetchToken = useMutation({
    mutationFn: () => fetchTokenFor(appId, { clientSecret: secret || undefined }),
    onSuccess: (t) => setToken(t.accessToken),
  });
  // Apps that sign people in get a token through the person's own sign-in (try-it-sign-in.tsx).
  const chosen = useQuery({ queryKey: queryKeys.apps.detail(appId), queryFn: () => getApp(appId), enabled: !!appId });
  const userFacing = !!chosen.data && chosen.data.type !== 'service';
  const send = useMutation({
    mutationFn: async (): Promise<GatewayAnswer> => {
      const res = await fetch(`${gatewayBase}${path}`, {
        method: operations[op]?.method ?? 'GET',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const text = await res.text();
      let body = text;
      try {
        body = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // not JSON: show as it came
      }
      const limitHeaders = LIMIT_HEADERS.flatMap((name): [string, string][] => {
        const value = res.headers.get(name);
        return value === null ? [] : [[name, value]];
      });
      return { status: res.status, wwwAuthenticate: res.headers.get('www-authenticate'), limitHeaders, body };
    },
  });
  const answer = send.data;

  return (
    <Card className="p-6" role="region" aria-labelledby="try-it-title">
      <h2 id="try-it-title" className="text-lg font-semibold">
        Try it
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Call {productName} through the gateway with one of your apps’ tokens. The gateway lets the call through only when the token holds
        this product’s scope.
      </p>
      {apps.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">
          <Link href="/apps" className="font-medium text-brand-700 hover:underline">
            Create an application
          </Link>{' '}
          first, then subscribe it to this API.
        </p>
      ) : userFacing ? (
        <TryItSignIn app={chosen.data!} apps={apps} appId={appId} onAppChange={setAppId} onToken={setToken} />
      ) : (
        <form
          className="mt-4 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            fetchToken.mutate();
          }}
        >
          <Field id="try-app" label="Application">
            <select id="try-app" className={selectClass} value={appId} onChange={(e) => setAppId(e.target.value)}>
              {apps.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.subscribed ? '' : ' (not subscribed)'}
                </option>
              ))}
            </select>
          </Field>
          {secretReadable && chosen.data?.clientAuth !== 'private_key_jwt' ? (
            <div />
          ) : (
            <Field id="try-secret" label="Client secret" error={fieldError(fetchToken.error, 'clientSecret')}>
              <Input
                id="try-secret"
                type="password"
                autoComplete="off"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                placeholder="Used once, never stored"
              />
            </Field>
          )}
          <Button type="submit" variant="secondary" disabled={fetchToken.isPending}>
            {fetchToken.isPending ? 'Fetching…' : 'Fetch token'}
          </Button>
        </form>
      )}
      {fetchToken.isError && !fieldError(fetchToken.error, 'clientSecret') && (
        <div className="mt-3">
          <Notice tone="error">{fetchToken.error.message}</Notice>
        </div>
      )}
      <form
        className="mt-4 space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Field id="try-token" label="Bearer token">
          <textarea
            id="try-token"
            rows={3}
            className={`${textareaClass} font-mono text-xs`}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder="Fetch a token above, or paste one"
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-[16rem_1fr_auto] sm:items-end">
          <Field id="try-operation" label="Operation">
            <select
              id="try-operation"
              className={selectClass}
              value={op}
              onChange={(e) => {
                const i = Number(e.target.value);
                setOp(i);
                setPath(operations[i]?.path ?? '/');
              }}
            >
              {listed.isPending && <option value={0}>Loading operations…</option>}
              {listed.isError && <option value={0}>The operations could not be loaded</option>}
              {operations.map((o, i) => (
                <option key={`${o.method} ${o.path}`} value={i}>
                  {o.method} {o.summary || o.path}
                </option>
              ))}
            </select>
          </Field>
          <Field id="try-path" label={`Path (after ${gatewayBase})`}>
            <Input id="try-path" value={path} onChange={(e) => setPath(e.target.value)} className="font-mono" />
          </Field>
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? 'Sending…' : 'Send request'}
          </Button>
        </div>
      </form>
      {send.isError && (
        <div className="mt-3">
          <Notice tone="error">The gateway could not be reached: {send.error.message}</Notice>
        </div>
      )}
      {answer && (
        <div className="mt-4 space-y-2" data-testid="try-it-response">
          <div className="flex items-center gap-3 text-sm">
            <span
              className={`rounded px-2 py-0.5 font-mono font-semibold ${answer.status < 300 ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
              data-testid="try-it-status"
            >
              {answer.status}
            </span>
            {answer.status === 429 && (
              <span className="text-sm font-medium text-red-800">Too many requests: the plan’s limit was reached</span>
            )}
            {answer.wwwAuthenticate && <code className="font-mono text-xs text-slate-600">WWW-Authenticate: {answer.wwwAuthenticate}</code>}
          </div>
          {answer.limitHeaders.length > 0 && (
            <dl
              className="grid gap-1 rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-700 ring-1 ring-slate-200"
              data-testid="try-it-limits"
            >
              {answer.limitHeaders.map(([name, value]) => (
                <div key={name} className="flex flex-wrap gap-2">
                  <dt className="font-semibold">{name}:</dt>
                  <dd className="break-all" data-testid={`try-it-header-${name.toLowerCase()}`}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <pre className="max-h-80 overflow-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{answer.body}</pre>
        </div>
      )}
    </Card>
  );
}
