/**
 * Helpers over the `yaml` package's nodes for parsers that need exact ranges: map lookups that
 * follow aliases and `<<` merge keys, and scalar values mapped character by character to the
 * source (plain, quoted, literal and folded block scalars). When a scalar's value cannot be
 * mapped exactly, every character maps to the scalar's start (a coarse but honest range).
 *
 * Hostile YAML stays cheap: aliases resolve through an anchor table built in one pass over the
 * document (the `yaml` package's own `Alias.resolve` walks the whole document per call), a merge
 * lookup visits each merged map once however often it is merged (`<<: [*a, *a, …]` nested), and
 * every lookup is charged to a per-document work limit: past it the helpers throw a
 * YamlWorkLimit, which the parser's guard turns into a note on the file.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
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

/** Lookups (map items scanned, aliases followed, sequence items listed) one document may cost. */
const MAX_YAML_WORK = 2_000_000;

class YamlWorkLimit extends Error {
  constructor() {
    super(`its anchors, aliases and merge keys need more than ${MAX_YAML_WORK} lookups; the rest of the file is not read`);
    this.name = 'YamlWorkLimit';
  }
}

interface DocState {
  /** Each alias's anchored node: the last node with that anchor before the alias. */
  anchors: Map<Alias, Node | undefined>;
  /** Per map read so far: its first pair for each key, and its `<<` pairs in order. */
  maps: Map<YAMLMap, { own: Map<string, Pair>; merges: Pair[] }>;
  work: number;
}

const states = new WeakMap<YamlDoc, DocState>();

/** The document's anchor table (built once, in document order) and work counter. */
function stateOf(doc: YamlDoc): DocState {
  let st = states.get(doc);
  if (st) return st;
  st = { anchors: new Map(), maps: new Map(), work: 0 };
  states.set(doc, st);
  const latest = new Map<string, Node>();
  // Pre-order, keys before values: the order in which `yaml` itself looks for an anchor.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (isAlias(n)) {
      st.anchors.set(n, latest.get(n.source));
      continue;
    }
    if (isScalar(n) || isCollection(n)) {
      if (n.anchor) latest.set(n.anchor, n);
      if (isCollection(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  return st;
}

/** Charges `n` units of lookup work to the document; throws YamlWorkLimit past the limit. */
function chargeYaml(doc: YamlDoc, n = 1): void {
  const st = stateOf(doc);
  st.work += n;
  if (st.work > MAX_YAML_WORK) throw new YamlWorkLimit();
}

/** The lookup work spent on `doc` so far (a deterministic measure for tests). */
export function yamlWork(doc: YamlDoc): number {
  return states.get(doc)?.work ?? 0;
}

/** Follows aliases (bounded). */
export function deref(doc: YamlDoc, node: unknown, depth = 0): Node | undefined {
  if (depth > 20 || node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    const target = stateOf(doc).anchors.get(node);
    // An aliased scalar is read again in full (a long script behind many aliases is real work).
    chargeYaml(doc, 1 + (isScalar(target) && typeof target.value === 'string' ? target.value.length : 0));
    return deref(doc, target, depth + 1);
  }
  return node as Node;
}

function keyText(p: Pair): string | undefined {
  const k = p.key;
  if (isScalar(k)) return String(k.value);
  return undefined;
}

/**
 * The pair for `key` in a map, honouring `<<: *anchor` merges (own keys win). A map merged more
 * than once is searched once: its first merge already said whether it has the key.
 */
export function getPair(doc: YamlDoc, node: unknown, key: string, depth = 0, seen = new Set<Node>()): Pair | undefined {
  const map = deref(doc, node);
  if (!isMap(map) || depth > 10 || seen.has(map)) return undefined;
  seen.add(map);
  const index = indexOf(doc, map);
  const own = index.own.get(key);
  if (own) return own;
  for (const p of index.merges) {
    const v = deref(doc, p.value);
    const sources = isSeq(v) ? v.items : [v];
    chargeYaml(doc, sources.length);
    for (const src of sources) {
      const found = getPair(doc, src, key, depth + 1, seen);
      if (found) return found;
    }
  }
  return undefined;
}

export function get(doc: YamlDoc, node: unknown, key: string): Node | undefined {
  return deref(doc, getPair(doc, node, key)?.value);
}

/** The map's keys indexed (read once per document, then one unit of work per lookup). */
function indexOf(doc: YamlDoc, map: YAMLMap): { own: Map<string, Pair>; merges: Pair[] } {
  const st = stateOf(doc);
  let index = st.maps.get(map);
  if (index) {
    chargeYaml(doc);
    return index;
  }
  chargeYaml(doc, 1 + map.items.length);
  index = { own: new Map(), merges: [] };
  for (const item of map.items) {
    const p = item;
    const k = keyText(p);
    if (k === undefined) continue;
    if (!index.own.has(k)) index.own.set(k, p);
    if (k === '<<') index.merges.push(p);
  }
  st.maps.set(map, index);
  return index;
}

/** Keys of a map, including merged ones (own first); each merged map is read once. */
export function keysOf(doc: YamlDoc, node: unknown): string[] {
  const out = new Set<string>();
  const seen = new Set<Node>();
  const walk = (n: unknown, depth: number): void => {
    const map = deref(doc, n);
    if (!isMap(map) || depth > 10 || seen.has(map)) return;
    seen.add(map);
    chargeYaml(doc, 1 + map.items.length);
    for (const p of (map).items) {
      const k = keyText(p);
      if (k === '<<') {
        const v = deref(doc, p.value);
        for (const src of isSeq(v) ? v.items : [v]) walk(src, depth + 1);
      } else if (k !== undefined) out.add(k);
    }
  };
  walk(node, 0);
  return [...out];
}

/** Items of a sequence (aliases followed), or the node itself when it is a scalar. */
export function itemsOf(doc: YamlDoc, node: unknown): Node[] {
  const n = deref(doc, node);
  if (isSeq(n)) chargeYaml(doc, 1 + n.items.length);
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
