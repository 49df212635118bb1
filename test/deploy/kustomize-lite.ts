import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

// A small renderer for exactly the kustomize features deploy/kubernetes/
// uses: resources (files and directories), namespace, labels, images,
// replicas, configMapGenerator (merge) and secretGenerator (envs), with name
// suffix hashes off. It lets the manifests be rendered and validated where
// kubectl is not installed; where it is, the test checks that this renderer
// and `kubectl kustomize` produce the same objects, and refuses any
// kustomization field it does not handle.

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
};

const HANDLED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

interface Kustomization {
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  configMapGenerator?: { name: string; behavior?: 'merge' | 'create'; literals?: string[] }[];
  secretGenerator?: { name: string; envs?: string[] }[];
  generatorOptions?: { disableNameSuffixHash?: boolean };
}

function readEnvFile(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

function containersOf(m: Manifest): { image?: string }[] {
  const spec = m.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined;
  return spec?.template?.spec?.containers ?? [];
}

export function render(dir: string): Manifest[] {
  const k = yaml.load(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization & Record<string, unknown>;
  const unknown = Object.keys(k).filter((f) => !HANDLED.has(f));
  if (unknown.length) throw new Error(`kustomize-lite does not handle ${unknown.join(', ')} in ${dir}`);
  let out: Manifest[] = [];
  for (const entry of k.resources ?? []) {
    const target = path.join(dir, entry);
    out.push(...(entry.endsWith('.yaml') ? (yaml.loadAll(readFileSync(target, 'utf8')) as Manifest[]) : render(target)));
  }
  for (const g of k.configMapGenerator ?? []) {
    const data = Object.fromEntries((g.literals ?? []).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const existing = out.find((m) => m.kind === 'ConfigMap' && m.metadata.name === g.name);
    if (g.behavior === 'merge' && existing) existing.data = { ...(existing.data as object), ...data };
    else out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: g.name }, data });
  }
  for (const g of k.secretGenerator ?? []) {
    const values = Object.assign({}, ...(g.envs ?? []).map((f) => readEnvFile(path.join(dir, f)))) as Record<string, string>;
    const data = Object.fromEntries(Object.entries(values).map(([key, v]) => [key, Buffer.from(v).toString('base64')]));
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: g.name }, type: 'Opaque', data });
  }
  for (const r of k.replicas ?? []) {
    for (const m of out)
      if (m.metadata.name === r.name && (m.spec as { replicas?: number } | undefined)?.replicas !== undefined)
        (m.spec as { replicas: number }).replicas = r.count;
  }
  for (const image of k.images ?? []) {
    for (const c of out.flatMap(containersOf)) {
      const [name, tag] = (c.image ?? '').split(':');
      if (name === image.name) c.image = `${image.newName ?? name}:${image.newTag ?? tag ?? 'latest'}`;
    }
  }
  for (const l of k.labels ?? []) {
    out = out.map((m) => ({ ...m, metadata: { ...m.metadata, labels: { ...m.metadata.labels, ...l.pairs } } }));
  }
  if (k.namespace) out = out.map((m) => ({ ...m, metadata: { ...m.metadata, namespace: k.namespace } }));
  return out;
}
