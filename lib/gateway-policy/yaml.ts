// A small YAML emitter for the generated Kubernetes manifests (no YAML
// library is a dependency of Lanyard). It writes the subset the manifests
// need — mappings, sequences, strings, numbers, booleans, null — so that any
// YAML 1.2 parser reads back exactly the value given:
//
// - a string is written plain only when it is a letter followed by letters,
//   digits, `.`, `_`, `/` or `-` and not a word like `yes`, `on` or `null`;
//   every other string is double-quoted with JSON escapes, which YAML reads
//   as the same string (so `0755`, `: ` or `#` in a value can never change
//   its type or meaning);
// - a multi-line string (the Rego module) is a literal block scalar `|`
//   (`|+` or `|-` when its trailing newlines need it), indented by two more
//   spaces than its key;
// - mapping keys are plain when they are simple words, quoted otherwise.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** Words YAML 1.1 or 1.2 parsers read as something other than a string. */
const RESERVED_PLAIN = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;
/** Strings that read back as the same string when written plain: a letter first, then no YAML indicators. */
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9._\/-]*$/;

function key(name: string): string {
  return PLAIN_KEY.test(name) && !RESERVED_PLAIN.test(name) ? name : JSON.stringify(name);
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('YAML: only finite numbers can be written');
    return String(value);
  }
  return SAFE_PLAIN.test(value) && !RESERVED_PLAIN.test(value) ? value : JSON.stringify(value);
}

/** A literal block scalar for a multi-line string, or undefined when one cannot hold it exactly. */
function blockScalar(value: string, indent: string): string[] | undefined {
  if (!value.includes('\n')) return undefined;
  // Block scalars cannot carry these exactly; fall back to a quoted string.
  if (/[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(value)) return undefined;
  if (/^[ \n]*$/.test(value)) return undefined;
  const trailing = /\n*$/.exec(value)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? value : value.slice(0, value.length - trailing);
  const lines = body.split('\n');
  // A first line that starts with a space needs an explicit indentation indicator.
  const indicator = lines[0]!.startsWith(' ') ? '2' : '';
  const out = lines.map((line) => (line === '' ? '' : `${indent}  ${line}`));
  for (let i = 1; i < trailing; i++) out.push('');
  return [`|${indicator}${chomp}`, ...out];
}

function isScalar(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function emit(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return ['[]'];
    const lines: string[] = [];
    for (const item of value) {
      if (isScalar(item)) {
        lines.push(`${indent}- ${scalar(item)}`);
        continue;
      }
      const inner = emit(item, `${indent}  `);
      if (inner.length === 1 && (inner[0] === '[]' || inner[0] === '{}')) {
        lines.push(`${indent}- ${inner[0]}`);
        continue;
      }
      // The first line of the nested block goes on the dash line.
      lines.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter((e): e is [string, YamlValue] => e[1] !== undefined);
    if (entries.length === 0) return ['{}'];
    const lines: string[] = [];
    for (const [name, child] of entries) {
      if (typeof child === 'string') {
        const block = blockScalar(child, indent);
        if (block) {
          lines.push(`${indent}${key(name)}: ${block[0]}`, ...block.slice(1));
          continue;
        }
      }
      if (isScalar(child)) {
        lines.push(`${indent}${key(name)}: ${scalar(child)}`);
        continue;
      }
      const inner = emit(child, `${indent}  `);
      if (inner.length === 1 && (inner[0] === '[]' || inner[0] === '{}')) lines.push(`${indent}${key(name)}: ${inner[0]}`);
      else lines.push(`${indent}${key(name)}:`, ...inner);
    }
    return lines;
  }
  return [`${indent}${scalar(value)}`];
}

/** One YAML document (no `---`), ending with a newline. */
export function toYaml(value: YamlValue): string {
  return `${emit(value, '').join('\n')}\n`;
}

/** Several documents in one stream, each preceded by `---`, with optional leading comment lines. */
export function toYamlStream(documents: YamlValue[], comment: string[] = []): string {
  // A line break inside a comment line would end the comment and start YAML: each becomes its own comment line.
  const head = comment
    .flatMap((line) => line.split(/\r\n|\r|\n/))
    .map((line) => (line ? `# ${line}` : '#'))
    .join('\n');
  const docs = documents.map((doc) => `---\n${toYaml(doc)}`).join('');
  return head ? `${head}\n${docs}` : docs;
}
