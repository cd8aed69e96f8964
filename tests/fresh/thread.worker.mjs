// A new thread with its own instance of every module, as a new process of the command has: it
// runs one exported function of a scenario module (TypeScript, through tsx) and posts its result.
import { register } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// A module replaced for this thread only (as a test double would be): resolved to another file.
if (workerData.replace) register(new URL('./replace.hooks.mjs', import.meta.url), { data: workerData.replace });
const scenarios = await import(workerData.module);
const result = await scenarios[workerData.fn](...workerData.args);
parentPort.postMessage(result);
