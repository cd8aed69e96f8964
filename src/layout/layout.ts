import type { View } from '../present/view.js';
import type { LayoutDoc } from './blocks.js';
import { parseMarkup } from './parseMarkup.js';
import type { TemplateSet } from './templates.js';

/** View model -> layout tree, through the templates' XML markup. */
export function layout(view: View, templates: TemplateSet): LayoutDoc {
  return parseMarkup(renderMarkup(view, templates));
}

export function renderMarkup(view: View, templates: TemplateSet): string {
  return templates.ficha(view);
}
