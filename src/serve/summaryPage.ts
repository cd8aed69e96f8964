import { DIMENSIONS, type SummaryProgram } from '../summary/collect.js';
import { summaryView } from '../summary/view.js';
import { money, pct } from '../format/format.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const shown = (v: number | null, f: (n: number) => string) => (v === null ? 'S/I' : f(v));
/** A sortable cell: what is shown, and the value it sorts by (empty sorts last). */
const cell = (text: string, value: number | string | null, cls = '') => `<td${cls ? ` class="${cls}"` : ''} data-valor="${escape(value === null ? '' : String(value))}">${escape(text)}</td>`;

/**
 * The year at a glance as a page (`ficha serve --summary DIR`): the counts of the PDF summary and
 * every program in one table that sorts by any column and filters by ministry and text; each
 * program opens its ficha. The table is plain HTML, so the page reads without its script.
 */
export function summaryPage(programs: SummaryProgram[]): string {
  const { view } = summaryView(programs, { charts: false });
  const ministries = [...new Set(programs.map((p) => p.ministerio))];
  const rows = programs
    .map((p) => {
      const verdicts = DIMENSIONS.map((d) => cell(p.hallazgos[d.id] > 0 ? 'Sí' : 'No', p.hallazgos[d.id], 'centro')).join('');
      return `<tr data-ministerio="${escape(p.ministerio)}">${cell(p.ministerio, p.ministerio)}${cell(p.servicio, p.servicio)}<td data-valor="${escape(p.programa)}"><a href="/resumen/fichas/${encodeURIComponent(p.pdf)}">${escape(p.programa)}</a></td>${cell(String(p.anio), p.anio, 'num')}${cell(shown(p.cobertura, (v) => pct(v, 1)), p.cobertura, 'num')}${cell(shown(p.ejecucionInicial, (v) => pct(v, 1)), p.ejecucionInicial, 'num')}${cell(shown(p.ejecucionFinal, (v) => pct(v, 1)), p.ejecucionFinal, 'num')}${cell(shown(p.gastoTotal, money), p.gastoTotal, 'num')}${cell(shown(p.variacionGpb, (v) => pct(v, 1)), p.variacionGpb, 'num')}${verdicts}</tr>`;
    })
    .join('\n');
  const counts = view.hallazgos.map((h) => `<li>${escape(h.dimension)}: ${escape(h.con)} con hallazgos (${escape(h.porcentaje)})</li>`).join('');
  // Fichas by ministry and methodology, as section I of the PDF summary.
  const byMinistry = `<table class="conteo"><caption>Fichas por ministerio y metodología</caption><thead><tr><th scope="col">Ministerio</th>${view.metodologias.map((m) => `<th scope="col">${escape(m)}</th>`).join('')}<th scope="col">Total</th></tr></thead><tbody>${view.por_ministerio
    .map((r) => `<tr><th scope="row">${escape(r.ministerio)}</th>${r.por_metodologia.map((n) => `<td class="num">${escape(n)}</td>`).join('')}<td class="num">${escape(r.total)}</td></tr>`)
    .join('')}<tr><th scope="row">Total</th>${view.total.por_metodologia.map((n) => `<td class="num">${escape(n)}</td>`).join('')}<td class="num">${escape(view.total.total)}</td></tr></tbody></table>`;
  const headers = ['Ministerio', 'Servicio', 'Programa', 'Año', 'Cobertura', 'Ejecución inicial', 'Ejecución final', 'Gasto total (M$)', 'Variación gasto por beneficiario', ...DIMENSIONS.map((d) => `Hallazgos ${d.corto}`)];
  const numeric = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11]);
  return `<!DOCTYPE html>
<html lang="es-CL">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(view.titulo)} · resumen</title>
<style>
  body { margin: 0; font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; font-size: 14px; }
  header { background: #1f3864; color: #fff; padding: 10px 16px; }
  header h1 { font-size: 18px; margin: 0; }
  main { padding: 12px 16px; }
  .filtros { display: flex; gap: 12px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { border: 1px solid #a6a6a6; padding: 4px 6px; vertical-align: top; }
  th { background: #d9e2f3; cursor: pointer; text-align: left; }
  th[aria-sort=ascending]::after { content: " ▲"; }
  th[aria-sort=descending]::after { content: " ▼"; }
  td.num { text-align: right; white-space: nowrap; }
  td.centro { text-align: center; }
  #cuenta { color: #555; }
  table.conteo { width: auto; margin-bottom: 8px; }
  table.conteo th { cursor: default; }
  caption { text-align: left; font-weight: bold; padding: 4px 0; }
</style>
</head>
<body>
<header><h1>${escape(view.titulo)}: resumen del año</h1></header>
<main>
<p>${escape(view.alcance)}. <a href="/resumen.pdf">El resumen en PDF</a> (con sus gráficos) · <a href="/resumen/datos.json">los datos en JSON</a></p>
${byMinistry}
<ul>${counts}</ul>
<div class="filtros">
  <label>Ministerio <select id="ministerio"><option value="">Todos</option>${ministries.map((m) => `<option>${escape(m)}</option>`).join('')}</select></label>
  <label>Buscar <input id="buscar" type="search" placeholder="programa o servicio"></label>
  <span id="cuenta" role="status">${programs.length} programas</span>
</div>
<table id="programas">
<thead><tr>${headers.map((h, i) => `<th scope="col" data-tipo="${numeric.has(i) ? 'numero' : 'texto'}">${escape(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
<script src="/resumen/tabla.js"></script>
</body>
</html>`;
}

/** The page's script: sort by a header's column (again: the other way), filter by ministry and text. */
export const SUMMARY_SCRIPT = `(() => {
  const table = document.getElementById('programas');
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const ministry = document.getElementById('ministerio');
  const search = document.getElementById('buscar');
  const count = document.getElementById('cuenta');
  const plain = (s) => s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase();
  const filter = () => {
    const m = ministry.value;
    const q = plain(search.value.trim());
    let shown = 0;
    for (const r of rows) {
      const ok = (!m || r.dataset.ministerio === m) && (!q || plain(r.textContent).includes(q));
      r.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + (shown === 1 ? ' programa' : ' programas');
  };
  ministry.addEventListener('change', filter);
  search.addEventListener('input', filter);
  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((th, col) => {
    th.tabIndex = 0;
    const sort = () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      headers.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir);
      const numeric = th.dataset.tipo === 'numero';
      const key = (r) => r.cells[col].dataset.valor;
      const sign = dir === 'ascending' ? 1 : -1;
      rows.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        return sign * (numeric ? Number(x) - Number(y) : x.localeCompare(y, 'es'));
      });
      for (const r of rows) body.appendChild(r);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
})();
`;
