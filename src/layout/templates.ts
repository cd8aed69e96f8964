import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../paths.js';
import type { FontName } from '../themeFonts.js';
import { compileCached } from '../cache/handlebars.js';

/** The project's own templates; `--templates DIR` points at an institution's copy instead. */
export const DEFAULT_TEMPLATES = TEMPLATES_DIR;

export interface TemplateSet {
  dir: string;
  /** Each template's text by its path in the folder (`ficha.hbs`, `partials/x.hbs`), for diagnostics. */
  sources: Record<string, string>;
  ficha: Handlebars.TemplateDelegate;
  theme: Theme;
  /** The Handlebars environment with the folder's partials and helpers, for its other documents. */
  env: typeof Handlebars;
}

export interface Theme {
  page: { size: string; margin: number };
  fonts: Record<FontName, string>;
  colors: Record<string, string>;
  sizes: Record<string, number>;
  spacing: Record<string, number>;
}

const sets = new Map<string, TemplateSet>();

/** Compiles `ficha.hbs` with every `partials/*.hbs` once per process and folder. */
export function loadTemplates(dir = DEFAULT_TEMPLATES): TemplateSet {
  const key = resolve(dir);
  const cached = sets.get(key);
  if (cached) return cached;
  const env = Handlebars.create();
  const options = { strict: true, preventIndent: true };
  env.registerHelper('upper', (s: unknown) => String(s ?? '').toLocaleUpperCase('es-CL'));
  const sources: Record<string, string> = { 'ficha.hbs': readFileSync(join(key, 'ficha.hbs'), 'utf8') };
  const partialsDir = join(key, 'partials');
  if (existsSync(partialsDir)) {
    for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
      sources[`partials/${file}`] = readFileSync(join(partialsDir, file), 'utf8');
      // Compiled here, not registered as text: Handlebars compiles a text partial anew at every render.
      env.registerPartial(basename(file, '.hbs'), compileCached(env, sources[`partials/${file}`]!, options));
    }
  }
  // Strict: a misspelt name in a template (an institution's own copy) is an error, not empty text.
  const ficha = compileCached(env, sources['ficha.hbs']!, options);
  const theme = JSON.parse(readFileSync(join(key, 'theme.json'), 'utf8')) as Theme;
  const set = { dir: key, ficha, theme, sources, env };
  sets.set(key, set);
  return set;
}

const documents = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Another document of the folder (`resumen.hbs`: the year's summary), compiled with the same
 * partials, helpers and options as the ficha, so both speak the same markup.
 */
export function documentTemplate(set: TemplateSet, name: string): Handlebars.TemplateDelegate {
  const file = join(set.dir, `${name}.hbs`);
  let t = documents.get(file);
  if (!t) {
    const source = readFileSync(file, 'utf8');
    set.sources[`${name}.hbs`] = source;
    t = compileCached(set.env, source, { strict: true, preventIndent: true });
    documents.set(file, t);
  }
  return t;
}
