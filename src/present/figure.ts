import type { Value } from '../metrics/value.js';
import { num } from '../format/format.js';

/** A figure inside a narrative: prints in es-CL when used bare (`{{gasto_total.t}}`). */
export class Fig {
  constructor(readonly value: Value) {}
  toString(): string {
    const v = this.value;
    return typeof v === 'number' && !Number.isInteger(v) ? num(v, 1) : num(v, 0);
  }
}
