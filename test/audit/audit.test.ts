import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCsvStream, csvCell, csvLine } from '@/lib/audit/audit-csv';
import { listAuditEvents } from '@/lib/audit/list-audit';
import { auditFilterSchema, auditListQuery } from '@/lib/audit/schemas';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The audit log as admins read it: filters, paging, the CSV export (quoting
// and the formula-injection guard), and no way to change an entry.

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  const at = (iso: string) => new Date(iso);
  const rows = [
    {
      at: at('2026-11-01T09:00:00Z'),
      actorEmail: 'ada@example.com',
      action: 'product.create',
      targetType: 'api_product',
      targetId: 'tracks',
      outcome: 'success',
      detail: JSON.stringify({ name: 'Tracks, "the" API' }),
    },
    {
      at: at('2026-11-02T10:00:00Z'),
      actorEmail: 'dev@example.com',
      action: 'subscription.create',
      targetType: 'application',
      targetId: 'app-1',
      outcome: 'success',
    },
    {
      at: at('2026-11-02T23:59:59Z'),
      actorEmail: 'ada@example.com',
      action: 'subscription.approve',
      targetType: 'application',
      targetId: 'app-1',
      outcome: 'failure',
      idpRequestId: 'req-42',
      detail: JSON.stringify({ error: 'IdP down' }),
    },
    {
      at: at('2026-11-03T00:00:00Z'),
      actorEmail: 'reconcile-cli:ops',
      action: 'drift.recreate_client',
      targetType: 'application',
      targetId: 'app-1',
      outcome: 'success',
    },
    {
      at: at('2026-11-04T08:00:00Z'),
      actorEmail: 'dev@example.com',
      action: 'admin.denied',
      targetType: 'route',
      targetId: 'DELETE /api/admin/products/tracks',
      outcome: 'denied',
    },
    {
      at: at('2026-11-05T08:00:00Z'),
      actorEmail: '=HYPERLINK("http://evil")',
      action: 'team.create',
      targetType: 'team',
      targetId: '+cmd|calc',
      outcome: 'success',
      detail: JSON.stringify({ name: '@SUM(1)' }),
    },
  ];
  for (const r of rows) await t.db.auditEvent.create({ data: r });
});
afterAll(async () => {
  await t?.cleanup();
});

const list = (q: Record<string, unknown>) => listAuditEvents(t.db, auditListQuery.parse({ pageSize: 25, ...q }));

describe('audit log filters', () => {
  it('lists newest first with the distinct actions for the filter', async () => {
    const page = await list({});
    expect(page.total).toBe(6);
    expect(page.items[0]!.action).toBe('team.create');
    expect(page.actions).toEqual([
      'admin.denied',
      'drift.recreate_client',
      'product.create',
      'subscription.approve',
      'subscription.create',
      'team.create',
    ]);
    expect(page.items.find((e) => e.idpRequestId)).toMatchObject({ idpRequestId: 'req-42', detail: { error: 'IdP down' } });
  });

  it('filters by exact action or a family, actor, outcome and target', async () => {
    expect((await list({ action: 'subscription.*' })).items.map((e) => e.action)).toEqual(['subscription.approve', 'subscription.create']);
    expect((await list({ action: 'subscription.create' })).total).toBe(1);
    expect((await list({ actor: 'ada@' })).items.map((e) => e.action)).toEqual(['subscription.approve', 'product.create']);
    expect((await list({ actor: 'reconcile-cli' })).items.map((e) => e.action)).toEqual(['drift.recreate_client']);
    expect((await list({ outcome: 'denied' })).items.map((e) => e.targetId)).toEqual(['DELETE /api/admin/products/tracks']);
    expect((await list({ target: 'app-1', outcome: 'success' })).total).toBe(2);
  });

  it('takes the wildcards of a search literally, and an action family ignoring case', async () => {
    expect((await list({ actor: '%' })).total).toBe(0);
    expect((await list({ action: 'drift_*' })).total).toBe(0); // "_" is not "any character"
    expect((await list({ action: 'SUBSCRIPTION.*' })).total).toBe(2);
    expect((await list({ actor: 'ADA@EXAMPLE' })).total).toBe(2);
  });

  it('pages newest first, ties by id, without a repeat or a gap', async () => {
    const big = await createTestDb();
    try {
      const base = Date.parse('2026-01-01T00:00:00Z');
      await big.db.auditEvent.createMany({
        data: Array.from({ length: 120 }, (_, i) => ({
          id: `ev-${String(i).padStart(3, '0')}`,
          at: new Date(base + Math.floor(i / 3) * 1000),
          actorEmail: 'x',
          action: i % 2 ? 'a.odd' : 'a.even',
          targetType: 't',
          targetId: `t-${i}`,
          outcome: 'success',
        })),
      });
      const page = (n: number) => listAuditEvents(big.db, auditListQuery.parse({ pageSize: 50, page: n }));
      const pages = await Promise.all([1, 2, 3].map(page));
      expect(pages.map((p) => [p.total, p.pageCount, p.items.length])).toEqual([
        [120, 3, 50],
        [120, 3, 50],
        [120, 3, 20],
      ]);
      const ids = pages.flatMap((p) => p.items.map((e) => e.id));
      expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => `ev-${String(119 - i).padStart(3, '0')}`));
      expect(pages[0]!.actions).toEqual(['a.even', 'a.odd']);
    } finally {
      await big.cleanup();
    }
  });

  it('treats bare dates as whole UTC days, inclusive', async () => {
    expect((await list({ from: '2026-11-02', to: '2026-11-02' })).items.map((e) => e.action)).toEqual([
      'subscription.approve',
      'subscription.create',
    ]);
    expect((await list({ from: '2026-11-03' })).total).toBe(3);
    expect((await list({ to: '2026-11-01' })).total).toBe(1);
    expect(auditFilterSchema.safeParse({ from: '2026-11-05', to: '2026-11-01' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(auditListQuery.safeParse({ outcome: 'maybe' }).success).toBe(false);
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180 and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    for (const danger of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(danger).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('streams the filtered log with a header row', async () => {
    const text = await new Response(await auditCsvStream(t.db, auditFilterSchema.parse({ target: 'app-1' }))).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,actor,action,target_type,target_id,outcome,idp_request_id,detail');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('2026-11-03T00:00:00.000Z,reconcile-cli:ops,drift.recreate_client,application,app-1,success,,');
    expect(lines[2]).toBe(
      '2026-11-02T23:59:59.000Z,ada@example.com,subscription.approve,application,app-1,failure,req-42,"{""error"":""IdP down""}"',
    );
  });

  it('guards every cell of the export, including actors and targets', async () => {
    const text = await new Response(await auditCsvStream(t.db, auditFilterSchema.parse({ action: 'team.create' }))).text();
    const row = text.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(`,'+cmd|calc,`);
    expect(row).toContain('"{""name"":""@SUM(1)""}"');
  });

  it('exports more rows than one batch, in order, without repeats', async () => {
    const big = await createTestDb();
    try {
      const base = Date.parse('2026-01-01T00:00:00Z');
      await big.db.auditEvent.createMany({
        data: Array.from({ length: 1234 }, (_, i) => ({
          at: new Date(base + Math.floor(i / 3) * 1000),
          actorEmail: 'x',
          action: 'a.b',
          targetType: 't',
          targetId: `t-${i}`,
          outcome: 'success',
        })),
      });
      const lines = (await new Response(await auditCsvStream(big.db, {})).text()).trimEnd().split('\r\n').slice(1);
      expect(lines).toHaveLength(1234);
      expect(new Set(lines.map((l) => l.split(',')[4])).size).toBe(1234);
      const times = lines.map((l) => l.split(',')[0]!);
      expect([...times].sort().reverse()).toEqual(times);
    } finally {
      await big.cleanup();
    }
  });
});

describe('the audit log is append-only', () => {
  it('answers 405 to PUT, PATCH, DELETE and POST on the audit API and its CSV export', async () => {
    const routes = [await import('@/app/api/admin/audit/route'), await import('@/app/api/admin/audit.csv/route')];
    for (const route of routes) {
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
        const res = await route[method](new Request('http://portal.test/api/admin/audit', { method }));
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('GET');
        expect((await res.json()).error.code).toBe('method_not_allowed');
      }
    }
  });

  it('keeps entries recorded through lib/audit as they were written', async () => {
    await recordAuditEvent(t.db, {
      actor: { email: 'ada@example.com' },
      action: 'product.delete',
      target: { type: 'api_product', id: 'x' },
      outcome: 'success',
    });
    expect((await list({ action: 'product.delete' })).items[0]).toMatchObject({
      actor: 'ada@example.com',
      targetId: 'x',
      outcome: 'success',
    });
  });
});
