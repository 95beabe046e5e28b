// Lists the exports of src/ that nothing else imports: `npx tsx tools/unused-exports.ts` (`--check`:
// exit 1 when there is one; the static test tier runs it so).
// An export only tests import is a test seam and kept (shown with --tests); an export nothing imports
// is dead API: drop the `export`, or the declaration when the file does not use it either.
// Entry points (what esbuild bundles and package.json names) count as imported.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '..');
const showTests = process.argv.includes('--tests');
const check = process.argv.includes('--check');
const entryPoints = new Set(['src/cli/main.ts', 'src/server/main.ts', 'src/extension/main.ts'].map((p) => join(root, p)));

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
if (!config) throw new Error('cannot read tsconfig.json');
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();

type Use = 'src' | 'test';
/** file → exported name → who imports it. `*` stands for a namespace import (every name used). */
const uses = new Map<string, Map<string, Set<Use>>>();

function note(file: string, name: string, by: Use): void {
  let names = uses.get(file);
  if (!names) uses.set(file, (names = new Map<string, Set<Use>>()));
  let who = names.get(name);
  if (!who) names.set(name, (who = new Set<Use>()));
  who.add(by);
}

function resolvedFile(spec: ts.Expression): string | undefined {
  const symbol = checker.getSymbolAtLocation(spec);
  const decl = symbol?.declarations?.[0];
  return decl && ts.isSourceFile(decl) ? decl.fileName : undefined;
}

for (const sf of program.getSourceFiles()) {
  if (sf.isDeclarationFile || sf.fileName.includes('node_modules')) continue;
  const by: Use = relative(root, sf.fileName).startsWith('src/') ? 'src' : 'test';
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier) {
      const target = resolvedFile(st.moduleSpecifier);
      if (!target) continue;
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        if (!clause) continue;
        if (clause.name) note(target, 'default', by);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) note(target, '*', by);
        else if (bindings) for (const el of bindings.elements) note(target, (el.propertyName ?? el.name).text, by);
      } else if (!st.exportClause) note(target, '*', by);
      else if (ts.isNamedExports(st.exportClause)) for (const el of st.exportClause.elements) note(target, (el.propertyName ?? el.name).text, by);
      else note(target, '*', by);
    }
  }
  // Dynamic imports (`await import('…')`): every name counts as used.
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      const target = resolvedFile(node.arguments[0]);
      if (target) note(target, '*', by);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

// Plain JavaScript callers (bench/*.mjs, test/*.mjs) import src through tsx: count their names too.
function scanScripts(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'testdata') scanScripts(p);
    } else if (/\.m?js$/.test(e.name)) {
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/import\s*(?:\{([^}]*)\}|\*\s+as\s+\w+)\s*from\s*['"]([^'"]+)['"]/g)) {
        const target = resolve(dirname(p), m[2]!).replace(/\.js$/, '.ts');
        if (m[1] === undefined) note(target, '*', 'test');
        else for (const part of m[1].split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0];
          if (name) note(target, name, 'test');
        }
      }
      for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) note(resolve(dirname(p), m[1]!).replace(/\.js$/, '.ts'), '*', 'test');
    }
  }
}
for (const dir of ['bench', 'test', 'tools']) scanScripts(join(root, dir));

const unused: string[] = [];
const testOnly: string[] = [];
for (const sf of program.getSourceFiles()) {
  const rel = relative(root, sf.fileName);
  if (!rel.startsWith('src/') || sf.isDeclarationFile || entryPoints.has(sf.fileName)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) continue;
  const used = uses.get(sf.fileName);
  if (used?.has('*')) continue;
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const who = used?.get(exp.name);
    const decl = exp.declarations?.[0];
    const line = decl ? sf.getLineAndCharacterOfPosition(decl.getStart()).line + 1 : 0;
    const target = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
    const kind = exp.flags & ts.SymbolFlags.Alias ? 're-export' : target.flags & ts.SymbolFlags.Value ? 'value' : 'type';
    const row = `${rel}:${line} ${exp.name} (${kind})`;
    if (!who) unused.push(row);
    else if (!who.has('src')) testOnly.push(row);
  }
}
console.log(`${unused.length} exports nothing imports`);
for (const u of unused) console.log(`  ${u}`);
console.log(`${testOnly.length} exports only tests, bench or tools import${showTests ? '' : ' (list them with --tests)'}`);
if (showTests) for (const u of testOnly) console.log(`  ${u}`);
if (check && unused.length > 0) process.exitCode = 1;
