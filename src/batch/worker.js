// Entry of a batch worker thread. Worker threads do not inherit the TypeScript loader of the main
// thread, so it is registered here before the worker's TypeScript code is imported.
import { register } from 'tsx/esm/api';

register();
const { default: render } = await import('./worker.ts');
export default render;
