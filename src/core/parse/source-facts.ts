/**
 * What one parsed file contributes to the WorkspaceModel, plus the text scans every kind of
 * build file shares (GOROOT paths such as misc/wasm/wasm_exec.js, macOS linker flags).
 */
import type { BuildConfig, SettingValue } from '../workspace/build-config.js';
import type { FileInvocation } from '../workspace/invocation.js';
import type { FlagRef, GorootPathRef } from '../workspace/model.js';
import type { LineIndex } from './line-index.js';

export interface SourceFacts {
  configs: BuildConfig[];
  settings: SettingValue[];
  gorootRefs: GorootPathRef[];
  flagRefs: FlagRef[];
  notes: { file: string; reason: string }[];
  /** Other workspace files this file runs (scripts, `make` goals), with the context of each call. */
  invocations?: FileInvocation[];
}

export function emptySourceFacts(): SourceFacts {
  return { configs: [], settings: [], gorootRefs: [], flagRefs: [], notes: [] };
}

/** A file whose syntax did not parse: `facts` with a note saying so, nothing else checked. */
export function malformedSource<F extends SourceFacts>(facts: F, file: string, reason: string): F {
  facts.notes.push({ file, reason });
  return facts;
}

/**
 * Fills `facts` by `read()`. Parsers never throw by design; if one does on some input, the file
 * gets a note ("could not be read as `what`") instead of the whole scan failing.
 */
export function readGuarded<F extends SourceFacts>(facts: F, file: string, what: string, read: () => void): F {
  try {
    read();
  } catch (err) {
    facts.notes.push({ file, reason: `could not be read as ${what}: ${err instanceof Error ? err.message : String(err)}` });
  }
  return facts;
}

/**
 * `…GOROOT…/misc/wasm/wasm_exec.js`, `/usr/local/go/lib/wasm/go_js_wasm_exec` …: a GOROOT
 * expression (or a well-known GOROOT directory) directly followed by a wasm support file path.
 */
const GOROOT_WASM = /(?:GOROOT[)}"'`]*|\/usr\/local\/go|\/usr\/lib\/go(?:-[0-9.]+)?|\/libexec)\/((misc|lib)\/wasm)\/(wasm_exec(?:_node)?\.js|go_js_wasm_exec|go_wasip1_wasm_exec)\b/g;

export function findGorootRefs(file: string, text: string, index: LineIndex, commentPrefix: RegExp | undefined): GorootPathRef[] {
  const out: GorootPathRef[] = [];
  if (!text.includes('/wasm/')) return out;
  GOROOT_WASM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GOROOT_WASM.exec(text))) {
    if (commentPrefix && isInCommentLine(text, m.index, commentPrefix)) continue;
    const dirStart = m.index + m[0].length - (m[1]!.length + 1 + m[3]!.length);
    const dirEnd = dirStart + m[1]!.length;
    const pathEnd = dirEnd + 1 + m[3]!.length;
    out.push({ file, path: `${m[1]}/${m[3]}`, range: index.range(dirStart, pathEnd), dirRange: index.range(dirStart, dirEnd) });
  }
  return out;
}

function isInCommentLine(text: string, at: number, commentPrefix: RegExp): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return commentPrefix.test(text.slice(lineStart, at).trimStart());
}

/**
 * macOS linker flags the cgo rules look at: `-ld_classic`, `-ld64` (also as `-Wl,…`) and
 * `-framework OpenCL|OpenGL`. `where` says what kind of setting holds them.
 */
const LD_FLAG = /(?<![\w-])(?:-Wl,)?-(?:ld_classic|ld64)(?![\w-])|(?<![\w-])-framework[ \t]+(?:OpenCL|OpenGL)\b|(?<![\w-])-Wl,-framework,(?:OpenCL|OpenGL)\b/g;

export function findFlagRefs(
  file: string,
  text: string,
  index: LineIndex,
  commentPrefix: RegExp | undefined,
  whereOf: (lineText: string) => FlagRef['where'] | undefined,
  from = 0,
  to = text.length,
): FlagRef[] {
  const out: FlagRef[] = [];
  if (!/ld_classic|ld64|framework/.test(text.slice(from, to))) return out;
  LD_FLAG.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = LD_FLAG.exec(text)) && m.index < to) {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const nl = text.indexOf('\n', m.index);
    const lineText = text.slice(lineStart, nl < 0 ? text.length : nl);
    if (commentPrefix && commentPrefix.test(text.slice(lineStart, m.index).trimStart())) continue;
    const where = whereOf(lineText);
    if (!where) continue;
    let start = m.index;
    let end = m.index + m[0].length;
    // The whole blank-delimited word (e.g. `-Wl,-ld_classic,-x`) decides whether removal is clean.
    let wordStart = start;
    while (wordStart > lineStart && !/[\s'"=]/.test(text[wordStart - 1]!)) wordStart--;
    let wordEnd = end;
    while (wordEnd < text.length && !/[\s'"]/.test(text[wordEnd]!)) wordEnd++;
    const removable = wordStart === start && wordEnd === end;
    let removeRange;
    if (removable) {
      let rs = start;
      let re = end;
      if (text[re] === ' ' || text[re] === '\t') {
        while (text[re] === ' ' || text[re] === '\t') re++;
      } else {
        while (rs > lineStart && (text[rs - 1] === ' ' || text[rs - 1] === '\t')) rs--;
      }
      removeRange = index.range(rs, re);
    }
    start = Math.max(start, 0);
    end = Math.min(end, text.length);
    out.push({ file, text: m[0], range: index.range(start, end), where, removable, ...(removeRange ? { removeRange } : {}) });
  }
  return out;
}

/** Classifies a line of a build file for findFlagRefs. */
export function flagPlaceOf(lineText: string): FlagRef['where'] {
  if (/CGO_LDFLAGS/.test(lineText)) return 'cgo-ldflags-env';
  if (/extldflags/.test(lineText)) return 'extldflags';
  return 'ldflags';
}
