import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../serve/server.js';
import { checkTemplatesDir } from './paths.js';
import { osErrorText } from '../diagnostics/osError.js';

export interface ServeCliOptions {
  port: string;
  host: string;
  templates?: string;
  jobs?: string;
  queue: string;
  timeout: string;
  bodyLimit: string;
  cors?: string;
  clientTimeout?: string;
  summary?: string;
}

/** `ficha serve`: the render API and the editor page, until Ctrl-C. */
export async function serveCommand(opts: ServeCliOptions): Promise<number> {
  const port = Number(opts.port);
  const jobs = opts.jobs ? Number(opts.jobs) : Math.max(1, availableParallelism());
  const queue = Number(opts.queue);
  const timeout = Number(opts.timeout);
  const limit = Number(opts.bodyLimit);
  const clientTimeout = Number(opts.clientTimeout ?? '10');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port: se esperaba un número entre 0 y 65535; se encontró «${opts.port}»`);
  if (!Number.isInteger(jobs) || jobs < 1) return usage(`--jobs: se esperaba un entero >= 1; se encontró «${opts.jobs}»`);
  if (!Number.isInteger(queue) || queue < 1) return usage(`--queue: se esperaba un entero >= 1; se encontró «${opts.queue}»`);
  if (!(timeout > 0)) return usage(`--timeout: se esperaban segundos > 0; se encontró «${opts.timeout}»`);
  if (!(limit > 0)) return usage(`--body-limit: se esperaban MB > 0; se encontró «${opts.bodyLimit}»`);
  if (!(clientTimeout > 0 && clientTimeout <= 3600)) return usage(`--client-timeout: se esperaban segundos entre 0 y 3600; se encontró «${opts.clientTimeout}»`);
  if (opts.templates) {
    const problem = checkTemplatesDir(opts.templates);
    if (problem) return usage(problem);
  }
  if (opts.summary !== undefined && !existsSync(join(opts.summary, 'manifest.json'))) return usage(`--summary ${opts.summary}: no es una carpeta de salida de ficha render (no tiene manifest.json)`);
  const { app, close } = buildServer({ templatesDir: opts.templates, jobs, queue, timeoutMs: timeout * 1000, bodyLimitBytes: limit * 1024 * 1024, cors: opts.cors, clientTimeoutMs: clientTimeout * 1000, summaryDir: opts.summary });
  let address: string;
  try {
    address = await app.listen({ port, host: opts.host });
  } catch (err) {
    await close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return usage(`el puerto ${port} de ${opts.host} ya está en uso (¿otra instancia de ficha serve?): elija otro con --port`);
    if (code === 'EACCES') return usage(`sin permiso para usar el puerto ${port}: los puertos bajo 1024 requieren privilegios; use --port 8080, por ejemplo`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return usage(`--host ${opts.host}: la dirección no existe en esta máquina`);
    return usage(`no se pudo abrir el puerto ${port}: ${osErrorText(err)}`);
  }
  console.log(`ficha serve: editor en ${address}/ · API en ${address}/api/render${opts.summary ? ` · resumen en ${address}/resumen` : ''} · ${jobs} worker(s), cola de ${queue} (Ctrl-C para terminar)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await close();
  return 0;
}

function usage(message: string): number {
  console.error(`ficha serve: ${message}`);
  return 2;
}
