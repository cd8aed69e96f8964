import Handlebars from 'handlebars';

type Node = { type: string; [k: string]: unknown };
type PathNode = { type: 'PathExpression'; original: string; parts: string[]; data: boolean; depth: number; loc?: unknown };

const BUILTINS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

export interface PathProblem {
  kind: 'name' | 'helper';
  name: string;
}

/**
 * Handlebars' strict mode does not check a helper's arguments (`{{pct covertura.t 1}}` would print
 * an empty string), so every path of a narrative is checked against the context before rendering.
 * Inside `each`/`with` blocks the scope changes and paths are not checked.
 */
export function checkPaths(template: string, context: object, helpers: readonly string[]): PathProblem | undefined {
  const ast = Handlebars.parse(template) as unknown as Node;
  let problem: PathProblem | undefined;
  const checkPath = (p: Node) => {
    if (problem || p.type !== 'PathExpression') return;
    const path = p as unknown as PathNode;
    if (path.data || path.depth > 0 || path.parts.length === 0) return;
    let cur: unknown = context;
    for (const part of path.parts) {
      if (cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, part)) cur = (cur as Record<string, unknown>)[part];
      else {
        problem = { kind: 'name', name: path.original };
        return;
      }
    }
  };
  const visitCall = (n: Node) => {
    const path = n.path as Node;
    const params = (n.params as Node[]) ?? [];
    const isCall = params.length > 0 || n.type === 'SubExpression' || n.type === 'BlockStatement';
    if (isCall && path.type === 'PathExpression') {
      const name = (path as unknown as PathNode).original;
      if (!helpers.includes(name) && !BUILTINS.has(name)) problem ??= { kind: 'helper', name };
    } else checkPath(path);
    for (const p of params) visit(p);
  };
  const visit = (n: Node | undefined | null): void => {
    if (!n || problem) return;
    switch (n.type) {
      case 'Program':
        for (const s of n.body as Node[]) visit(s);
        break;
      case 'MustacheStatement':
      case 'SubExpression':
        visitCall(n);
        break;
      case 'BlockStatement': {
        visitCall(n);
        const name = ((n.path as unknown as PathNode).original ?? '') as string;
        if (name === 'if' || name === 'unless') {
          visit(n.program as Node);
          visit(n.inverse as Node);
        }
        break;
      }
      case 'PathExpression':
        checkPath(n);
        break;
    }
  };
  visit(ast);
  return problem;
}
