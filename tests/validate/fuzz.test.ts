import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderFicha, runStages } from '../../src/pipeline/pipeline.js';
import { fixture } from '../helpers.js';
import { readPdf } from '../pdfRead.js';

/**
 * Property: whatever a person or a spreadsheet does to an input file, ficha either renders it or
 * says why, with diagnostics; it never throws, hangs or leaves half a result. The mutations are
 * those of real mistakes: keys deleted, renamed, duplicated or given another type, extreme
 * numbers, long and exotic Unicode, aliases, truncation and random bytes.
 */
const EXAMPLES = ['redes-oportunidades-negocios-2022.yaml', 'pavimentacion-participativa-2025.yaml', 'promocion-talentos-2024.yaml', 'inversion-en-la-comunidad-2025.yaml', 'lenguas-indigenas-2025.yaml'].map(fixture);

type Path = (string | number)[];
function paths(v: unknown, prefix: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}
const getIn = (v: any, p: Path) => p.reduce((cur, k) => (cur == null ? cur : cur[k]), v);

const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1.5, 'N/A', 'S/I', 'n/a', '', ' ', null, true, false, '{{pct cobertura.t 1}}', '{{nope}}', '{{#each this}}x{{/each}}', 'Permanente', 'CL-RM', '2022-02-30'),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
  fc.string({ minLength: 1000, maxLength: 6000 }),
);

type Mutation = (text: string, rnd: { pick: number; value: unknown; name: string; at: number; bytes: number[] }) => string | Uint8Array;

const onData = (f: (data: any, p: Path, r: { value: unknown; name: string }) => void): Mutation => (text, r) => {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return text; // an earlier mutation broke the YAML: this one has nothing to change
  }
  const all = paths(data).filter((p) => p.length > 0);
  if (!all.length) return text;
  const p = all[r.pick % all.length]!;
  f(data, p, r);
  return stringify(data);
};
const parentOf = (data: any, p: Path) => getIn(data, p.slice(0, -1));

const MUTATIONS: Record<string, Mutation> = {
  delete: onData((d, p) => {
    const parent = parentOf(d, p);
    if (Array.isArray(parent)) parent.splice(Number(p[p.length - 1]), 1);
    else delete parent[p[p.length - 1]!];
  }),
  retype: onData((d, p, r) => (parentOf(d, p)[p[p.length - 1]!] = r.value)),
  rename: onData((d, p, r) => {
    const parent = parentOf(d, p);
    if (Array.isArray(parent)) return;
    const key = p[p.length - 1]!;
    parent[r.name || `${String(key)}s`] = parent[key];
    delete parent[key];
  }),
  duplicateLine: (text, r) => {
    const lines = text.split('\n');
    const i = r.pick % lines.length;
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
  alias: (text, r) => {
    const lines = text.split('\n');
    const i = r.pick % lines.length;
    lines.splice(i, 0, `ancla${r.pick}: &a${r.pick} [1, 2]`, `usa${r.pick}: [${Array.from({ length: r.at % 150 }, () => `*a${r.pick}`).join(', ')}]`);
    return lines.join('\n');
  },
  truncate: (text, r) => text.slice(0, r.at % (text.length + 1)),
  bytes: (text, r) => {
    const b = Buffer.from(text, 'utf8');
    r.bytes.forEach((x, k) => (b[(r.at + k * 7919) % b.length] = x));
    return new Uint8Array(b);
  },
  exoticText: onData((d, p, r) => (parentOf(d, p)[p[p.length - 1]!] = `${typeof r.value === "string" ? r.value : JSON.stringify(r.value)} 漢字 😀 \u202Eالعربية (x) देवनागरी`)),
};

const arbCase = fc.record({
  example: fc.nat({ max: EXAMPLES.length - 1 }),
  kinds: fc.array(fc.constantFrom(...Object.keys(MUTATIONS)), { minLength: 1, maxLength: 3 }),
  pick: fc.nat(),
  value: anyValue,
  name: fc.string({ maxLength: 12 }),
  at: fc.nat(),
  bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }),
});

type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

function mutate(c: Case): string | Uint8Array {
  let input: string | Uint8Array = EXAMPLES[c.example]!;
  for (const kind of c.kinds) input = MUTATIONS[kind]!(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'), c);
  return input;
}

describe('mutated inputs (fast-check)', () => {
  it('are validated in-process, with diagnostics or a layout, never an exception', () => {
    let rendered = 0;
    let refused = 0;
    fc.assert(
      fc.property(arbCase, (c) => {
        const input = mutate(c);
        const staged = runStages('mutado.yaml', input);
        const errors = staged.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length) {
          refused++;
          expect(staged.layout).toBeUndefined();
          for (const d of errors) expect(d.message.length).toBeGreaterThan(5);
        } else {
          rendered++;
          expect(staged.layout).toBeDefined();
        }
      }),
      { numRuns: 1500, seed: 20261125 },
    );
    expect(rendered).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(500);
  });

  it('that are valid render a PDF that pdfjs-dist parses', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const r = await renderFicha('mutado.yaml', mutate(c), { charts: false });
        if (r.diagnostics.some((d) => d.severity === 'error')) {
          expect(r.pdf).toBeUndefined();
          return;
        }
        const pdf = await readPdf(r.pdf!);
        expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
        expect(pdf.text).toContain('VIII. NOTAS TÉCNICAS');
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
