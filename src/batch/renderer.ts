// What the renderer bundle (dist/cjs/renderer.cjs, loaded with V8's code cache) gives the two
// places that render: the command's own thread (renderOne) and a batch or server worker, which
// also hands the main thread what its caches added (forwardAdditions, takeAdditions). A worker
// must take these from the bundle it renders with: the bundle holds its own copy of the caches.
export { renderOne } from './renderOne.js';
export { inputOfPdf } from './pdfInput.js';
export { forwardAdditions, takeAdditions } from '../cache/diskCache.js';
