/**
 * go.mod / go.work: the `module`, `go` and `toolchain` directives and go.work `use` paths,
 * with the range of each value. Pure; never throws.
 */
import type { GoModFacts } from '../workspace/model.js';
import { LineIndex } from './line-index.js';

/**
 * Directives a Go release older than the one that added them rejects (`unknown directive`):
 * godebug (Go 1.23), tool (1.24), ignore (1.25).
 */
export const NEWER_DIRECTIVES: Readonly<Record<string, number>> = { godebug: 23, tool: 24, ignore: 25 };

function unquote(s: string): string {
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith('`') && s.endsWith('`'))) return s.slice(1, -1);
  return s;
}

export function parseGoMod(file: string, path: string, text: string): GoModFacts {
  const kind: GoModFacts['kind'] = path === 'go.work' || path.endsWith('/go.work') ? 'go.work' : 'go.mod';
  const slash = path.lastIndexOf('/');
  const facts: GoModFacts = { file, kind, dir: slash < 0 ? '' : path.slice(0, slash) };
  const index = new LineIndex(text);
  let inUseBlock = false;
  let inOtherBlock = false;
  const use: string[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    let body = text.slice(start, end);
    const comment = body.indexOf('//');
    if (comment >= 0) body = body.slice(0, comment);
    const trimmed = body.trim();
    if (!trimmed) continue;
    const lead = body.length - body.trimStart().length;
    if (inUseBlock || inOtherBlock) {
      if (trimmed === ')') {
        inUseBlock = inOtherBlock = false;
        continue;
      }
      if (inUseBlock) use.push(unquote(trimmed));
      continue;
    }
    const m = /^(\w+)(\s+)(.*)$/.exec(trimmed);
    if (!m) continue;
    const [, verb, gap, rest] = m as unknown as [string, string, string, string];
    const valueStart = start + lead + verb.length + gap.length;
    const value = rest.trim();
    const valueRange = index.range(valueStart, valueStart + value.length);
    if (Object.hasOwn(NEWER_DIRECTIVES, verb)) (facts.newerDirectives ??= []).push({ verb, range: index.range(start + lead, start + lead + verb.length), block: value === '(' });
    if (value === '(') {
      if (verb === 'use') inUseBlock = true;
      else inOtherBlock = true;
      continue;
    }
    if (verb === 'module') {
      facts.module = unquote(value);
      facts.moduleRange = valueRange;
    } else if (verb === 'go' && !facts.go) facts.go = { file, value, range: valueRange };
    else if (verb === 'toolchain' && !facts.toolchain) facts.toolchain = { file, value, range: valueRange };
    else if (verb === 'use') use.push(unquote(value));
  }
  if (kind === 'go.work') facts.use = use;
  return facts;
}
