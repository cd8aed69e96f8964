import type { View } from '../present/view.js';
import type { LayoutDoc } from './blocks.js';
import { parseMarkup } from './parseMarkup.js';
import { join } from 'node:path';
import type { TemplateSet } from './templates.js';

/** View model -> layout tree, through the templates' XML markup. */
export function layout(view: View, templates: TemplateSet): LayoutDoc {
  return parseMarkup(renderMarkup(view, templates));
}

/** A template names something the view model does not have: where, and what. */
export class TemplateProblem extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly missing: string,
  ) {
    super(`«${missing}» no existe en el modelo de la ficha (¿un nombre mal escrito en la plantilla?)`);
  }
}

export function renderMarkup(view: View, templates: TemplateSet): string {
  try {
    return templates.ficha(view);
  } catch (err) {
    const m = /"([^"]+)" not defined in .* - (\d+):(\d+)/.exec((err as Error).message);
    if (!m) throw err;
    const [name, line, column] = [m[1]!, Number(m[2]), Number(m[3])];
    // Handlebars gives the line and column within the template that failed, not its name: find it.
    const leaf = name.split('.').pop()!;
    const file = Object.entries(templates.sources).find(([, src]) => (src.split('\n')[line - 1] ?? '').includes(leaf))?.[0] ?? 'ficha.hbs';
    throw new TemplateProblem(join(templates.dir, file), line, column + 1, name);
  }
}
