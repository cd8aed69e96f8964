import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { DiskCache } from './diskCache.js';

type Env = typeof Handlebars;

/** Handlebars' compiled code (its `precompile` output) by a hash of the template and options. */
const specs = new DiskCache<string>(`handlebars-${Handlebars.VERSION}`, 20_000);

/**
 * `env.compile(source, options)`, without compiling at every start: the code Handlebars generates
 * for a template depends only on the template and the options, so it is kept in the cache folder
 * and a later process only evaluates it. A template that does not compile is handed to
 * `env.compile` as before, so that its error appears where it always did (when it is first used).
 */
export function compileCached(env: Env, source: string, options: CompileOptions): Handlebars.TemplateDelegate {
  const key = createHash('sha256').update(JSON.stringify(options)).update('\0').update(source).digest('base64url');
  let spec = specs.get(key);
  if (typeof spec !== 'string') {
    try {
      // A copy: Handlebars adds its own settings to the options object it is given.
      spec = env.precompile(source, { ...options }) as string;
    } catch {
      return env.compile(source, { ...options });
    }
    specs.set(key, spec);
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- Handlebars' own compile does the same with this code
  return env.template(new Function(`return ${spec};`)() as TemplateSpecification);
}
