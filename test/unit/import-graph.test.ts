/**
 * The import graph of src/ (type-only imports included): no cycles, and the layers stay apart
 * (README "How it is built"). A cycle of type-only imports costs nothing at run time but makes two
 * modules one unit that cannot be read, tested or moved on its own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = resolve(__dirname, '../..');
const src = join(root, 'src');

/** Every .ts file under `dir`, relative to the repository root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [relative(root, p)] : [];
  });
}

/** An import that survives compilation (not `import type`, not only `type` specifiers). */
function isValueImport(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return !node.isTypeOnly && !(node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
  const clause = node.importClause;
  if (!clause) return true; // import './side-effect.js'
  if (clause.isTypeOnly) return false;
  if (clause.name) return true;
  const bindings = clause.namedBindings;
  return !bindings || ts.isNamespaceImport(bindings) || bindings.elements.some((e) => !e.isTypeOnly);
}

/**
 * file → the files of ours it imports: `all` with type-only imports, re-exports and `import()`
 * types, `values` only what a bundle loads.
 */
function importGraph(files: readonly string[]): { all: Map<string, string[]>; values: Map<string, string[]> } {
  const known = new Set(files);
  const all = new Map<string, string[]>();
  const values = new Map<string, string[]>();
  const target = (file: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const path = relative(root, resolve(root, dirname(file), spec.replace(/\.js$/, '.ts')));
    return known.has(path) ? path : undefined;
  };
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const everything = ts.preProcessFile(text, true, true).importedFiles.map((m) => target(file, m.fileName));
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const loaded = source.statements
      .filter((n): n is ts.ImportDeclaration | ts.ExportDeclaration => (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier !== undefined && isValueImport(n))
      .map((n) => target(file, (n.moduleSpecifier as ts.StringLiteral).text));
    all.set(file, [...new Set(everything.filter((t) => t !== undefined))]);
    values.set(file, [...new Set(loaded.filter((t) => t !== undefined))]);
  }
  return { all, values };
}

/** The strongly connected components with more than one file (or a file importing itself): the cycles. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import graph of src/', () => {
  const graph = importGraph(sourceFiles(src));

  it('reads the imports (a sanity check of the reader)', () => {
    assert.ok(graph.all.size > 100, `${graph.all.size} files`);
    assert.ok(graph.values.get('src/extension/main.ts')?.includes('src/extension/context.ts'));
    assert.ok(graph.all.get('src/extension/client.ts')?.includes('src/server/protocol.ts'), 'type-only imports count');
    assert.ok(!graph.values.get('src/extension/client.ts')?.includes('src/server/protocol.ts'), 'but are not loaded');
  });

  it('has no import cycle, type-only imports included', () => {
    assert.deepEqual(cycles(graph.all), []);
  });

  it('finds a cycle when there is one', () => {
    const cyclic = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    assert.deepEqual(cycles(cyclic), [['a', 'b', 'c'], ['e']]);
  });

  it('keeps the rules in the server: the extension imports no rule module', () => {
    const reached = new Set<string>();
    const walk = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of graph.values.get(file) ?? []) walk(next);
    };
    walk('src/extension/main.ts');
    const rules = [...reached].filter((f) => f.startsWith('src/core/rules/'));
    assert.deepEqual(rules, [], 'the extension asks the server for the rule catalog (goDoctor/rules)');
  });
});
