/** The editor page: a YAML editor on the left, the ficha on the right; its script is /assets/editor.js. */
export function editorPage(): string {
  return `<!DOCTYPE html>
<html lang="es-CL">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ficha · editor</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; height: 100vh; display: flex; flex-direction: column; }
  header { background: #1f3864; color: #fff; padding: 8px 14px; display: flex; gap: 10px; align-items: center; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; font-weight: bold; }
  header button, header label { background: #fff; color: #1f3864; border: 0; border-radius: 3px; padding: 5px 10px; font-size: 13px; cursor: pointer; }
  header input[type=file] { display: none; }
  #estado { margin-left: auto; font-size: 13px; }
  main { flex: 1; display: grid; grid-template-columns: 1fr 1fr; min-height: 0; }
  #izquierda { display: flex; flex-direction: column; min-height: 0; border-right: 1px solid #a6a6a6; }
  #editor { flex: 1; min-height: 0; overflow: auto; font-size: 13px; }
  #editor .cm-editor { height: 100%; }
  #diagnosticos { max-height: 30%; overflow: auto; margin: 0; padding: 6px 10px; list-style: none; border-top: 1px solid #a6a6a6; font-size: 12px; background: #f7f7f7; }
  #diagnosticos li { padding: 2px 0; cursor: pointer; }
  #diagnosticos li.error::before { content: "● "; color: #c00000; }
  #diagnosticos li.warning::before { content: "● "; color: #b8860b; }
  #vista { overflow: auto; background: #e5e5e5; padding: 12px; }
  #vista canvas { display: block; margin: 0 auto 12px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 100%; }
</style>
</head>
<body>
<header>
  <h1>ficha · editor</h1>
  <label>Abrir YAML<input id="abrir" type="file" accept=".yaml,.yml,text/yaml"></label>
  <button id="bajar-yaml" type="button">Descargar YAML</button>
  <button id="bajar-pdf" type="button">Descargar PDF</button>
  <span id="estado" role="status">Cargando…</span>
</header>
<main>
  <section id="izquierda" aria-label="Archivo YAML">
    <div id="editor"></div>
    <ul id="diagnosticos" aria-label="Diagnósticos"></ul>
  </section>
  <section id="vista" aria-label="Vista previa de la ficha"></section>
</main>
<script type="module" src="/assets/editor.js"></script>
</body>
</html>`;
}
