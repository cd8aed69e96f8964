import { Tinypool } from 'tinypool';
const t0 = performance.now();
const pool = new Tinypool({ filename: process.argv[2], minThreads: Number(process.argv[3] ?? 1), maxThreads: Number(process.argv[3] ?? 1) });
const r = await pool.run(1);
console.log('first task result after', (performance.now() - t0).toFixed(0), 'ms');
await pool.destroy();
