import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../src/layout/parseMarkup.js';
import { layout } from '../../src/layout/layout.js';
import { loadTemplates } from '../../src/layout/templates.js';
import { present } from '../../src/present/view.js';
import { fichaOf, REFERENCE_YAML } from '../helpers.js';

describe('template markup', () => {
  it('keeps text as text: "517.500" is not the number 517.5', () => {
    const doc = parseMarkup('<ficha><table widths="1"><tbody><tr><td align="right">517.500</td></tr></tbody></table><p>0100</p></ficha>');
    const t = doc.blocks[0]!;
    expect(t.kind === 'table' && t.body[0]!.cells[0]!.blocks[0]).toMatchObject({ runs: [{ text: '517.500' }] });
    expect(doc.blocks[1]).toMatchObject({ runs: [{ text: '0100' }] });
  });
  it('decodes the entities Handlebars writes', () => {
    const doc = parseMarkup('<ficha><p>a &#x3D; b &amp; &quot;c&quot; &#x27;d&#x27; &lt;e&gt;</p></ficha>');
    expect(doc.blocks[0]).toMatchObject({ runs: [{ text: 'a = b & "c" \'d\' <e>' }] });
  });
  it('decodes numeric references and the named HTML entities a template may use, in one run of text (a no-break space is a space, as all white space)', () => {
    const doc = parseMarkup('<ficha><p>a&nbsp;b &mdash; &euro;5 &#233;&#xE9; &hellip;</p></ficha>');
    expect(doc.blocks[0]).toMatchObject({ runs: [{ text: 'a b \u2014 \u20ac5 \u00e9\u00e9 \u2026' }] });
  });
  it('keeps the order of text and inline elements', () => {
    const doc = parseMarkup('<ficha><p>uno <b>dos</b> tres<br/><i>cuatro &amp; cinco</i></p></ficha>');
    expect(doc.blocks[0]).toMatchObject({ runs: [{ text: 'uno ' }, { text: 'dos', bold: true }, { text: ' tres' }, { text: '\n' }, { text: 'cuatro & cinco', italic: true }] });
  });
  it('reports malformed markup and unknown elements as template bugs', () => {
    expect(() => parseMarkup('<ficha><p>x</ficha>')).toThrow(/not well-formed/);
    expect(() => parseMarkup('<ficha>\n<p>a &foo; b</p></ficha>')).toThrow(/not well-formed XML \(.*\) at line 2: <p>a &foo; b<\/p>/);
    expect(() => parseMarkup('<ficha><p>a \u0007 b</p></ficha>')).toThrow(/not well-formed/);
    expect(() => parseMarkup('<ficha></ficha><ficha></ficha>')).toThrow(/not well-formed/);
    expect(() => parseMarkup('<ficha><blink>x</blink></ficha>')).toThrow(/unknown element <blink>/);
    expect(() => parseMarkup('<ficha><table widths="1,1"><tbody><tr><td>x</td></tr></tbody></table></ficha>')).toThrow(/spans 1 columns/);
  });
  it('escapes input text, so markup in a program name is printed, not interpreted', () => {
    const ficha = fichaOf(REFERENCE_YAML.replace('nombre: Redes de Oportunidades de Negocios', 'nombre: "Redes <b>&</b> Negocios"'));
    const doc = layout(present(ficha).view, loadTemplates());
    const title = doc.blocks.find((b) => b.kind === 'paragraph' && b.tag === 'H1');
    expect(title).toMatchObject({ runs: [{ text: 'REDES <B>&</B> NEGOCIOS' }] });
  });
});
