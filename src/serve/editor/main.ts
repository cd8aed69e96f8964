/// <reference lib="dom" />
// The editor page's script (bundled by scripts/build.mjs into dist/editor/editor.js): CodeMirror
// with YAML, diagnostics from /api/validate as marks and a list, and the ficha from /api/render
// drawn with pdf.js, again about 300 ms after typing stops, keeping the scroll position.
import { basicSetup, EditorView } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';

GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.mjs';

interface ApiDiagnostic {
  line: number | null;
  column: number | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  path: string | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const estado = $('estado');
const lista = $<HTMLUListElement>('diagnosticos');
const vista = $('vista');
let pdfBytes: Uint8Array | undefined;
let pdfName = 'ficha.pdf';
let timer: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

const view = new EditorView({
  parent: $('editor'),
  extensions: [basicSetup, yaml(), EditorView.updateListener.of((u) => u.docChanged && schedule())],
});
// For tests and for people who script the page.
(window as unknown as { fichaEditor: EditorView }).fichaEditor = view;

function schedule(): void {
  clearTimeout(timer);
  estado.textContent = 'Editando…';
  timer = setTimeout(update, 300);
}

async function update(): Promise<void> {
  const mine = ++generation;
  const text = view.state.doc.toString();
  estado.textContent = 'Validando…';
  const v = (await (await fetch('/api/validate', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text })).json()) as { valid: boolean; diagnostics: ApiDiagnostic[] };
  if (mine !== generation) return;
  showDiagnostics(v.diagnostics);
  if (!v.valid) {
    estado.textContent = `${v.diagnostics.filter((d) => d.severity === 'error').length} error(es): la vista previa muestra la última ficha válida`;
    return;
  }
  estado.textContent = 'Generando la ficha…';
  const r = await fetch('/api/render', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text });
  if (mine !== generation) return;
  if (!r.ok) {
    estado.textContent = r.status === 422 ? 'La entrada tiene errores' : `El servidor respondió ${r.status}`;
    return;
  }
  pdfName = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') ?? '')?.[1] ?? 'ficha.pdf';
  pdfBytes = new Uint8Array(await r.arrayBuffer());
  await drawPdf(pdfBytes, mine);
}

function showDiagnostics(ds: ApiDiagnostic[]): void {
  const doc = view.state.doc;
  const marks: CmDiagnostic[] = ds
    .filter((d) => d.line !== null && d.line <= doc.lines)
    .map((d) => {
      const line = doc.line(d.line!);
      const from = Math.min(line.to, line.from + Math.max(0, (d.column ?? 1) - 1));
      return { from, to: Math.max(from, Math.min(line.to, from + 1) === from ? line.to : line.to), severity: d.severity, message: `${d.message} [${d.code}]` };
    });
  view.dispatch(setDiagnostics(view.state, marks));
  lista.replaceChildren(
    ...ds.map((d) => {
      const li = document.createElement('li');
      li.className = d.severity;
      li.textContent = `${d.line ?? '?'}:${d.column ?? '?'} ${d.message} [${d.code}]`;
      li.addEventListener('click', () => {
        if (d.line === null || d.line > view.state.doc.lines) return;
        const pos = view.state.doc.line(d.line).from + Math.max(0, (d.column ?? 1) - 1);
        view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
        view.focus();
      });
      return li;
    }),
  );
}

async function drawPdf(bytes: Uint8Array, mine: number): Promise<void> {
  const pdf = await getDocument({ data: bytes.slice() }).promise;
  const canvases: HTMLCanvasElement[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const viewport = page.getViewport({ scale: 1.3 });
    const canvas = document.createElement('canvas');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    canvas.setAttribute('aria-label', `Página ${p} de ${pdf.numPages}`);
    await page.render({ canvasContext: canvas.getContext('2d')!, viewport, canvas }).promise;
    canvases.push(canvas);
  }
  if (mine !== generation) return;
  const scroll = vista.scrollTop;
  vista.replaceChildren(...canvases);
  vista.scrollTop = scroll;
  estado.textContent = `Ficha de ${pdf.numPages} páginas`;
  await pdf.destroy();
}

function download(name: string, data: BlobPart, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([data], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

$('bajar-yaml').addEventListener('click', () => download(pdfName.replace(/\.pdf$/, '.yaml'), view.state.doc.toString(), 'application/yaml'));
$('bajar-pdf').addEventListener('click', () => pdfBytes && download(pdfName, pdfBytes.slice(), 'application/pdf'));
$<HTMLInputElement>('abrir').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: await file.text() } });
});

const example = await (await fetch('/api/example')).text();
view.dispatch({ changes: { from: 0, insert: example } });
