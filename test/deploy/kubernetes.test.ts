import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { describe, expect, it } from 'vitest';
import { render, type Manifest } from './kustomize-lite';

// deploy/kubernetes/ renders (with `kubectl kustomize` where it is installed,
// and with kustomize-lite.ts always) into manifests that validate against the
// Kubernetes API schemas (kubernetes-models), and that keep the promises
// docs/deployment.md makes: two replicas, separate readiness and liveness,
// non-root and read-only, resource requests, a PDB and a migration Job.

const DEPLOY = path.resolve(__dirname, '../../deploy/kubernetes');
const BASE = path.join(DEPLOY, 'base');
const OVERLAY = path.join(DEPLOY, 'overlays/example');

const MODELS: Record<string, { new (data: never): { validate(): void } }> = {
  ConfigMap: ConfigMap as never,
  Secret: Secret as never,
  Service: Service as never,
  Deployment: Deployment as never,
  Job: Job as never,
  PodDisruptionBudget: PodDisruptionBudget as never,
};

function kubectl(dir: string): Manifest[] | undefined {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const out = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return yaml.loadAll(out.stdout) as Manifest[];
}

// A Kustomization has no schema package; this covers the fields the files use.
const kustomizationSchema = {
  type: 'object',
  required: ['apiVersion', 'kind'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kustomize.config.k8s.io/v1beta1' },
    kind: { const: 'Kustomization' },
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    resources: { type: 'array', items: { type: 'string' } },
    labels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pairs'],
        properties: { pairs: { type: 'object', additionalProperties: { type: 'string' } }, includeSelectors: { type: 'boolean' } },
      },
    },
    images: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, newName: { type: 'string' }, newTag: { type: 'string' } },
      },
    },
    replicas: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'count'],
        properties: { name: { type: 'string' }, count: { type: 'integer', minimum: 0 } },
      },
    },
    configMapGenerator: { type: 'array', items: { type: 'object', required: ['name'] } },
    secretGenerator: { type: 'array', items: { type: 'object', required: ['name'] } },
    generatorOptions: { type: 'object' },
  },
};

const normalise = (ms: Manifest[]) =>
  ms
    .map((m) =>
      m.kind === 'Secret'
        ? {
            ...m,
            data: Object.fromEntries(
              Object.entries(m.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v.replace(/\s/g, ''), 'base64').toString()]),
            ),
          }
        : m,
    )
    .sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));

describe.each([
  ['base', BASE],
  ['example overlay', OVERLAY],
])('deploy/kubernetes %s', (_name, dir) => {
  const manifests = render(dir);

  it('is a valid Kustomization', () => {
    const validate = new Ajv({ allErrors: true }).compile(kustomizationSchema);
    const k = yaml.load(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as unknown;
    expect(validate(k), JSON.stringify(validate.errors)).toBe(true);
  });

  it('renders the same objects as kubectl kustomize, where kubectl is installed', (ctx) => {
    const reference = kubectl(dir);
    if (!reference) return ctx.skip();
    expect(normalise(manifests)).toEqual(normalise(reference));
  });

  it('validates every object against the Kubernetes schemas', () => {
    for (const m of manifests) {
      const Model = MODELS[m.kind];
      expect(Model, `no schema for ${m.kind}`).toBeDefined();
      expect(() => new Model!(m as never).validate(), `${m.kind}/${m.metadata.name}`).not.toThrow();
    }
  });

  it('runs at least two hardened replicas with separate readiness and liveness', () => {
    const deployment = manifests.find((m) => m.kind === 'Deployment') as unknown as {
      spec: { replicas: number; template: { spec: { securityContext: Record<string, unknown>; containers: Record<string, never>[] } } };
    };
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const c = pod.containers[0] as unknown as {
      readinessProbe: { httpGet: { path: string } };
      livenessProbe: { httpGet: { path: string } };
      securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
      resources: { requests: Record<string, string> };
      envFrom: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
    };
    expect(c.readinessProbe.httpGet.path).toBe('/api/health/ready');
    expect(c.livenessProbe.httpGet.path).toBe('/api/health/live');
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(c.envFrom.map((e) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual(['lanyard-config', 'lanyard-secrets']);
    const config = manifests.find((m) => m.kind === 'ConfigMap')!.data as Record<string, string>;
    expect(config).toMatchObject({ LANYARD_MIGRATE_ON_START: 'off', LANYARD_DEMO: 'off', LANYARD_TRUST_PROXY: 'on' });
    expect(manifests.map((m) => m.kind)).toEqual(expect.arrayContaining(['Service', 'Job', 'PodDisruptionBudget']));
  });
});

describe('the example overlay', () => {
  it('sets the namespace, the pinned image and the public URL', () => {
    const manifests = render(OVERLAY);
    expect(new Set(manifests.map((m) => m.metadata.namespace))).toEqual(new Set(['developer-portal']));
    const images = manifests.flatMap((m) =>
      ((m.spec as { template?: { spec?: { containers?: { image: string }[] } } })?.template?.spec?.containers ?? []).map((c) => c.image),
    );
    expect(new Set(images)).toEqual(new Set(['registry.example.com/platform/lanyard:0.2.0']));
    expect((manifests.find((m) => m.kind === 'ConfigMap')!.data as Record<string, string>).LANYARD_URL).toBe(
      'https://developers.example.com',
    );
  });
});
