/**
 * Helpers over the `yaml` package's nodes for parsers that need exact ranges: map lookups that
 * follow aliases and `<<` merge keys, and scalar values mapped character by character to the
 * source (plain, quoted, literal and folded block scalars). When a scalar's value cannot be
 * mapped exactly, every character maps to the scalar's start (a coarse but honest range).
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { MappedBuilder, sourceText, type MappedText } from './mapped-text.js';

export type YamlDoc = Document.Parsed;

export function parseYaml(text: string): { doc?: YamlDoc; error?: string } {
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false });
    if (doc.errors.length > 0) return { error: doc.errors[0]!.message.split('\n')[0] };
    return { doc };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Follows aliases (bounded). */
export function deref(doc: YamlDoc, node: unknown, depth = 0): Node | undefined {
  if (depth > 20 || node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    try {
      return deref(doc, node.resolve(doc), depth + 1);
    } catch {
      return undefined;
    }
  }
  return node as Node;
}

function keyText(p: Pair): string | undefined {
  const k = p.key;
  if (isScalar(k)) return String(k.value);
  return undefined;
}

/** The pair for `key` in a map, honouring `<<: *anchor` merges (own keys win). */
export function getPair(doc: YamlDoc, node: unknown, key: string, depth = 0): Pair | undefined {
  const map = deref(doc, node);
  if (!isMap(map) || depth > 10) return undefined;
  for (const p of (map).items) if (keyText(p) === key) return p;
  for (const p of (map).items) {
    if (keyText(p) !== '<<') continue;
    const v = deref(doc, p.value);
    const sources = isSeq(v) ? v.items : [v];
    for (const src of sources) {
      const found = getPair(doc, src, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function get(doc: YamlDoc, node: unknown, key: string): Node | undefined {
  return deref(doc, getPair(doc, node, key)?.value);
}

/** Keys of a map, including merged ones (own first). */
export function keysOf(doc: YamlDoc, node: unknown, depth = 0): string[] {
  const map = deref(doc, node);
  if (!isMap(map) || depth > 10) return [];
  const out: string[] = [];
  for (const p of (map).items) {
    const k = keyText(p);
    if (k === '<<') {
      const v = deref(doc, p.value);
      for (const src of isSeq(v) ? v.items : [v]) for (const kk of keysOf(doc, src, depth + 1)) if (!out.includes(kk)) out.push(kk);
    } else if (k !== undefined && !out.includes(k)) out.push(k);
  }
  return out;
}

/** Items of a sequence (aliases followed), or the node itself when it is a scalar. */
export function itemsOf(doc: YamlDoc, node: unknown): Node[] {
  const n = deref(doc, node);
  if (isSeq(n)) return n.items.map((i) => deref(doc, i)).filter((i): i is Node => i !== undefined);
  if (n !== undefined && isScalar(n)) return [n];
  return [];
}

export function scalarString(doc: YamlDoc, node: unknown): string | undefined {
  const n = deref(doc, node);
  if (!isScalar(n)) return undefined;
  const v: unknown = n.value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : undefined;
}

/** The node's range [start, end) in the source. */
export function nodeSpan(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The scalar's string value mapped to the source, exactly when possible. */
export function scalarMapped(text: string, node: unknown): MappedText | undefined {
  if (!isScalar(node)) return undefined;
  const s = node;
  const raw: unknown = s.value;
  const value = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint' ? String(raw) : '';
  const r = s.range;
  if (!r) return undefined;
  const [start, valueEnd] = r;
  const coarse = (): MappedText => ({ text: value, origins: new Array<number>(value.length).fill(start) });
  switch (s.type) {
    case 'PLAIN':
      return text.slice(start, valueEnd) === value ? sourceText(value, start) : coarse();
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return text.slice(start + 1, valueEnd - 1) === value ? sourceText(value, start + 1) : coarse();
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const headerEnd = text.indexOf('\n', start);
      if (headerEnd < 0 || headerEnd >= valueEnd) return coarse();
      const header = text.slice(start, headerEnd);
      const explicit = /[1-9]/.exec(header)?.[0];
      const lines: [number, number][] = [];
      let p = headerEnd + 1;
      while (p < valueEnd) {
        const nl = text.indexOf('\n', p);
        const e = nl < 0 || nl > valueEnd ? valueEnd : nl;
        lines.push([p, e]);
        p = e + 1;
      }
      let indent = 0;
      if (explicit) {
        const parentIndent = start - text.lastIndexOf('\n', start) - 1;
        indent = Math.max(0, parentIndent) + Number(explicit);
        // The explicit indicator is relative to the parent node's indentation; that is not
        // always the header's column, so check against the value below.
      } else {
        const first = lines.find(([a, b]) => text.slice(a, b).trim() !== '');
        if (!first) return coarse();
        indent = text.slice(first[0], first[1]).length - text.slice(first[0], first[1]).trimStart().length;
      }
      const b = new MappedBuilder();
      const folded = s.type === 'BLOCK_FOLDED';
      lines.forEach(([a, e], k) => {
        const from = Math.min(a + indent, e);
        for (let i = from; i < e; i++) b.push(text[i]!, i);
        if (k < lines.length - 1 || text[e] === '\n') b.push(folded ? ' ' : '\n', e);
      });
      const built = b.build();
      // Clip chomping adds the final newline even when the file has none.
      if (value === built.text + '\n') {
        built.text += '\n';
        built.origins.push(valueEnd);
      }
      if (built.text.startsWith(value) || (folded && built.text.replace(/ +$/, '') === value.replace(/\n+$/, ''))) {
        const len = Math.min(value.length, built.text.length);
        if (folded) {
          // Folding is only exact for plain paragraphs: compare char by char.
          for (let i = 0; i < len; i++) if (built.text[i] !== value[i] && !(built.text[i] === ' ' && value[i] === '\n')) return coarse();
        }
        return { text: value, origins: built.origins.slice(0, len).concat(new Array<number>(value.length - len).fill(start)) };
      }
      return coarse();
    }
    default:
      return coarse();
  }
}

export { isMap, isScalar, isSeq };
