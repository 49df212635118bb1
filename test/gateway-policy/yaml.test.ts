import { describe, expect, it } from 'vitest';
import { toYaml, toYamlStream, type YamlValue } from '@/lib/gateway-policy';
import { yaml } from './fixtures';

// The hand-written YAML emitter must round-trip through a real parser:
// whatever it writes reads back as exactly the value it was given.

const tricky: YamlValue = {
  plain: 'ext-auth-server',
  booleanish: ['yes', 'no', 'on', 'off', 'true', 'False', 'null', '~', 'y', 'N'],
  numberish: ['0755', '1e3', '0x1F', '.inf', '-1', '1_000', '12:30'],
  indicators: [
    'a: b',
    '# not a comment',
    '- item',
    '[x]',
    '{y}',
    '&anchor',
    '*alias',
    '!tag',
    '%dir',
    '@at',
    '`tick',
    '|',
    '>',
    "'",
    '"',
    '?',
  ],
  spaces: [' leading', 'trailing ', '', '  '],
  unicode: 'café ☕ \u2028 line separator',
  control: 'bell\u0007 and tab\t and cr\r',
  url: 'https://api.example.com/tracks?x=1#frag',
  multiline: 'line one\n  indented two\n\nafter a blank\n',
  multilineNoFinalNewline: 'a\nb',
  multilineManyFinalNewlines: 'a\nb\n\n\n',
  multilineLeadingSpace: '  starts indented\nthen not\n',
  multilineWithTabs: 'allow if {\n\tx\n}\n',
  multilineWithCr: 'a\r\nb\n',
  onlyNewlines: '\n\n',
  numbers: [0, -3, 2.5, 1e21],
  booleans: [true, false],
  nothing: null,
  emptyList: [],
  emptyMap: {},
  nested: [{ a: [{ b: [] }, { c: {} }] }, [1, [2, [3]]], [{}], [[]]],
  'key with space': 1,
  yes: 'a key YAML 1.1 reads as a boolean',
  '123': 'a numeric key',
  'a:b': 'a key with a colon',
};

describe('toYaml', () => {
  it('round-trips tricky values exactly', () => {
    expect(yaml.load(toYaml(tricky))).toEqual(tricky);
  });

  it('writes simple words plain and everything else quoted', () => {
    const text = toYaml({ kind: 'ConfigMap', version: 'v1', on: 'on', port: '8080', url: 'https://x' });
    expect(text).toBe('kind: ConfigMap\nversion: v1\n"on": "on"\nport: "8080"\nurl: "https://x"\n');
  });

  it('writes multi-line strings as literal blocks', () => {
    expect(toYaml({ data: { 'policy.rego': 'package x\n\nallow := true\n' } })).toBe(
      'data:\n  policy.rego: |\n    package x\n\n    allow := true\n',
    );
  });

  it('leaves undefined members out', () => {
    expect(yaml.load(toYaml({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });

  it('refuses numbers YAML cannot hold', () => {
    expect(() => toYaml({ n: Number.NaN })).toThrow(/finite/);
  });
});

describe('toYamlStream', () => {
  it('writes documents separated by --- after comment lines', () => {
    const text = toYamlStream([{ a: 1 }, { b: ['x'] }], ['first line', '', 'third']);
    expect(text).toBe('# first line\n#\n# third\n---\na: 1\n---\nb:\n  - x\n');
    expect(yaml.loadAll(text)).toEqual([{ a: 1 }, { b: ['x'] }]);
  });
});

describe('comments', () => {
  it('keep a line break inside a comment from starting YAML of its own', () => {
    const stream = toYamlStream([{ kind: 'ConfigMap' }], ['server: x\nkind: Evil']);
    expect(yaml.loadAll(stream)).toEqual([{ kind: 'ConfigMap' }]);
  });
});
