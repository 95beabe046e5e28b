/**
 * `.goreleaser.yml|yaml`: one BuildConfig per target of every Go build, with goreleaser's own
 * semantics (checked against goreleaser/goreleaser@cd616d2c, internal/builders/golang):
 * - `targets:` replaces goos/goarch/goarm/ignore; `go_first_class`/`go_118_first_class` expand
 *   to the first-class ports; explicit targets are built as given.
 * - otherwise goos (default linux, darwin, windows) × goarch (default amd64, arm64, 386) minus
 *   `ignore`; pairs that are not valid targets are silently skipped by goreleaser.
 * - env = top-level `env` + build `env` (+ `overrides` env for a matching target), then
 *   GOOS/GOARCH of the target; ldflags/flags/tags/buildmode with overrides replacing them.
 * Values with `{{ … }}` templates are only known at release time. Pure; never throws.
 */
import type { Node } from 'yaml';
import type { BuildConfig, EnvInsertion, LinkerFlag, SettingValue } from '../workspace/build-config.js';
import { GORELEASER_VALID_TARGETS } from '../workspace/goreleaser-targets.js';
import { joinRelativePath } from '../workspace/relative-path.js';
import { linkerFlagsOf } from './go-command.js';
import { LineIndex } from './line-index.js';
import { MappedBuilder, sliceMapped, sourceSpan, type MappedText } from './mapped-text.js';
import { UNKNOWN_CHAR } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, malformedSource, readGuarded, type SourceFacts } from './source-facts.js';
import { deref, get, getPair, isMap, isScalar, isSeq, itemsOf, nodeSpan, parseYaml, scalarMapped, scalarString, type YamlDoc } from './yaml-source.js';

/** goreleaser's `go_first_class` list (from `go tool dist list` FirstClass ports). */
const FIRST_CLASS = ['darwin_amd64', 'darwin_arm64', 'linux_386', 'linux_amd64', 'linux_arm', 'linux_arm64', 'windows_386', 'windows_amd64'];

/**
 * Most builds and build configurations read from one file. Aliases let a few hundred bytes list
 * the same build (or goos value) thousands of times; past these the rest is noted, not read.
 */
const MAX_BUILDS = 500;
const MAX_CONFIGS = 2000;

/** Replaces every `{{ … }}` with one UNKNOWN_CHAR. */
function maskTemplates(m: MappedText): { text: MappedText; exact: boolean } {
  if (!m.text.includes('{{')) return { text: m, exact: true };
  const b = new MappedBuilder();
  let i = 0;
  while (i < m.text.length) {
    const open = m.text.indexOf('{{', i);
    if (open < 0) break;
    const close = m.text.indexOf('}}', open + 2);
    b.pushMapped(sliceMapped(m, i, open));
    b.push(UNKNOWN_CHAR, m.origins[open] ?? -1);
    i = close < 0 ? m.text.length : close + 2;
  }
  b.pushMapped(sliceMapped(m, i));
  return { text: b.build(), exact: false };
}

interface EnvEntry {
  setting: SettingValue;
}

export function parseGoreleaser(file: string, path: string, text: string): SourceFacts {
  const facts = emptySourceFacts();
  const { doc, error } = parseYaml(text);
  if (!doc) return malformedSource(facts, file, `malformed YAML, not checked: ${error ?? 'unknown error'}`);
  return readGuarded(facts, file, 'a goreleaser config', () => {
    parseInto(file, path, text, doc, facts);
  });
}

function parseInto(file: string, path: string, text: string, doc: YamlDoc, facts: SourceFacts): void {
  const index = new LineIndex(text);
  const slash = path.lastIndexOf('/');
  const baseDir = slash < 0 ? '' : path.slice(0, slash);
  const root = doc.contents;
  const rangeOf = (node: unknown): SettingValue['range'] | undefined => {
    const span = nodeSpan(node);
    return span ? index.range(span[0], span[1]) : undefined;
  };

  /** `KEY=value` strings of an env list. */
  const envList = (node: unknown): Map<string, EnvEntry> => {
    const out = new Map<string, EnvEntry>();
    for (const item of itemsOf(doc, node)) {
      const m = scalarMapped(text, item);
      if (!m) continue;
      const eq = m.text.indexOf('=');
      if (eq <= 0) continue;
      const name = m.text.slice(0, eq).trim();
      const valueM = sliceMapped(m, eq + 1);
      const masked = maskTemplates(valueM);
      const span = sourceSpan(valueM) ?? sourceSpan(m);
      const full = nodeSpan(item);
      if (!span) continue;
      const setting: SettingValue = {
        name,
        value: masked.exact ? valueM.text : undefined,
        file,
        range: valueM.text.length === 0 && full ? index.range(full[1], full[1]) : index.range(span[0], span[1]),
        ...(full ? { fullRange: index.range(full[0], full[1]) } : {}),
      };
      out.set(name, { setting });
      if (/^(GO|CGO_|CC$|CXX$)/.test(name)) facts.settings.push(setting);
    }
    return out;
  };

  const topEnv = envList(get(doc, root, 'env'));
  const buildsNode = get(doc, root, 'builds') ?? get(doc, root, 'build');
  const builds = isSeq(buildsNode) ? itemsOf(doc, buildsNode) : buildsNode && isMap(buildsNode) ? [buildsNode] : [];

  let truncated = false;
  if (builds.length > MAX_BUILDS) {
    truncated = true;
    builds.length = MAX_BUILDS;
  }
  builds.forEach((build, buildIndex) => {
    if (facts.configs.length >= MAX_CONFIGS) return;
    if (!isMap(build)) return;
    const builder = scalarString(doc, get(doc, build, 'builder'));
    if (builder && builder !== 'go') return;
    const skip = scalarString(doc, get(doc, build, 'skip'));
    if (skip === 'true') return;
    const id = scalarString(doc, get(doc, build, 'id'));
    const buildRange = rangeOf(build);
    if (!buildRange) return;
    const buildName = id ? `"${id}"` : `#${buildIndex + 1}`;
    const env = new Map([...topEnv, ...envList(get(doc, build, 'env'))]);
    const dir = joinRel(baseDir, scalarString(doc, get(doc, build, 'dir')));
    const main = scalarString(doc, get(doc, build, 'main')) ?? '.';

    // Flags: ldflags (string or list), flags, tags, buildmode.
    const ldflagsNode = get(doc, build, 'ldflags');
    const flagsNode = get(doc, build, 'flags');
    const buildmodeNode = get(doc, build, 'buildmode');
    const tagsNode = get(doc, build, 'tags');
    const details = (ld: Node | undefined, fl: Node | undefined, bm: Node | undefined, tg: Node | undefined) => {
      const linkerFlags: LinkerFlag[] = [];
      let ldflags: SettingValue | undefined;
      let buildmode: SettingValue | undefined;
      let tags: SettingValue | undefined;
      for (const item of itemsOf(doc, ld)) {
        const m = scalarMapped(text, item);
        if (!m) continue;
        linkerFlags.push(...linkerFlagsOf(file, index, maskTemplates(m).text));
      }
      const ldRange = rangeOf(ld);
      if (ld && ldRange) ldflags = { name: 'ldflags', value: undefined, file, range: ldRange };
      for (const item of itemsOf(doc, fl)) {
        const m = scalarMapped(text, item);
        if (!m) continue;
        const fm = /^--?(buildmode|tags|ldflags)=(.*)$/s.exec(m.text);
        if (!fm) continue;
        const valueM = sliceMapped(m, m.text.length - fm[2]!.length);
        const span = sourceSpan(valueM) ?? sourceSpan(m);
        if (!span) continue;
        const masked = maskTemplates(valueM);
        const s: SettingValue = { name: `-${fm[1]}`, value: masked.exact ? valueM.text : undefined, file, range: index.range(span[0], span[1]) };
        if (fm[1] === 'buildmode') buildmode = s;
        else if (fm[1] === 'tags') tags = s;
        else {
          ldflags = s;
          linkerFlags.push(...linkerFlagsOf(file, index, masked.text));
        }
      }
      const bmm = scalarMapped(text, bm);
      const bmSpan = bmm ? sourceSpan(bmm) : undefined;
      if (bmm && bmSpan) buildmode = { name: 'buildmode', value: maskTemplates(bmm).exact ? bmm.text : undefined, file, range: index.range(bmSpan[0], bmSpan[1]) };
      const tagItems = itemsOf(doc, tg).map((n) => scalarString(doc, n)).filter((s): s is string => s !== undefined);
      const tgRange = rangeOf(tg);
      if (tg && tgRange) tags = { name: 'tags', value: tagItems.join(','), file, range: tgRange };
      return { linkerFlags, ldflags, buildmode, tags };
    };
    const base = details(ldflagsNode, flagsNode, buildmodeNode, tagsNode);

    // Where a fix adds env entries for this build.
    const insertion = envInsertion(doc, text, index, file, build, get(doc, build, 'env'));

    // Overrides (goos+goarch[+goarm …]) replace details and add env for one target.
    const overrides = itemsOf(doc, get(doc, build, 'overrides')).filter(isMap).map((o) => ({
      goos: scalarString(doc, get(doc, o, 'goos')),
      goarch: scalarString(doc, get(doc, o, 'goarch')),
      env: envList(get(doc, o, 'env')),
      details: details(get(doc, o, 'ldflags'), get(doc, o, 'flags'), get(doc, o, 'buildmode'), get(doc, o, 'tags')),
      hasLdflags: getPair(doc, o, 'ldflags') !== undefined,
      hasFlags: getPair(doc, o, 'flags') !== undefined,
      hasBuildmode: getPair(doc, o, 'buildmode') !== undefined,
      hasTags: getPair(doc, o, 'tags') !== undefined,
    }));

    type Target = { goos: string; goarch: string; goosSetting: SettingValue; goarchSetting: SettingValue; origin: 'product' | 'explicit' };
    const targets: Target[] = [];
    const targetsNode = get(doc, build, 'targets');
    if (targetsNode && itemsOf(doc, targetsNode).length > 0) {
      for (const item of itemsOf(doc, targetsNode)) {
        const m = scalarMapped(text, item);
        if (!m) continue;
        if (m.text === 'go_first_class' || m.text === 'go_118_first_class') {
          const r = rangeOf(item)!;
          for (const t of FIRST_CLASS) {
            const [os, arch] = t.split('_') as [string, string];
            targets.push({ goos: os, goarch: arch, goosSetting: { name: 'GOOS', value: os, file, range: r }, goarchSetting: { name: 'GOARCH', value: arch, file, range: r }, origin: 'explicit' });
          }
          continue;
        }
        if (m.text.includes('{{')) continue;
        const parts = m.text.split('_');
        if (parts.length < 2) continue;
        const osSpan = sourceSpan(m, 0, parts[0]!.length);
        const archFrom = parts[0]!.length + 1;
        const archSpan = sourceSpan(m, archFrom, archFrom + parts[1]!.length);
        if (!osSpan || !archSpan) continue;
        targets.push({
          goos: parts[0]!,
          goarch: parts[1]!,
          goosSetting: { name: 'GOOS', value: parts[0]!, file, range: index.range(osSpan[0], osSpan[1]) },
          goarchSetting: { name: 'GOARCH', value: parts[1]!, file, range: index.range(archSpan[0], archSpan[1]) },
          origin: 'explicit',
        });
      }
    } else {
      const listOf = (key: string, defaults: string[]): SettingValue[] => {
        const node = get(doc, build, key);
        const items = itemsOf(doc, node);
        if (items.length === 0) return defaults.map((value) => ({ name: key.toUpperCase(), value, file, range: keyRangeOrBuild(doc, build, key, index) ?? buildRange }));
        const out: SettingValue[] = [];
        for (const item of items) {
          const m = scalarMapped(text, item);
          const span = m ? sourceSpan(m) : undefined;
          if (!m || !span) continue;
          out.push({ name: key.toUpperCase(), value: maskTemplates(m).exact ? m.text : undefined, file, range: index.range(span[0], span[1]) });
        }
        return out;
      };
      const gooses = listOf('goos', ['linux', 'darwin', 'windows']);
      const goarches = listOf('goarch', ['amd64', 'arm64', '386']);
      const ignores = itemsOf(doc, get(doc, build, 'ignore'))
        .filter(isMap)
        .map((ig) => ({ goos: scalarString(doc, get(doc, ig, 'goos')), goarch: scalarString(doc, get(doc, ig, 'goarch')), other: ['goarm', 'goamd64', 'go386', 'gomips', 'goarm64', 'goppc64', 'goriscv64'].some((k) => getPair(doc, ig, k) !== undefined) }));
      for (const os of gooses) {
        for (const arch of goarches) {
          if (os.value === undefined || arch.value === undefined) continue;
          // An ignore entry with only goos/goarch drops the pair; one that also names goarm …
          // drops only some variants, so the pair is still built.
          const ignored = ignores.some((ig) => !ig.other && (!ig.goos || ig.goos === os.value) && (!ig.goarch || ig.goarch === arch.value) && (ig.goos || ig.goarch));
          if (ignored) continue;
          targets.push({ goos: os.value, goarch: arch.value, goosSetting: os, goarchSetting: arch, origin: 'product' });
        }
      }
    }

    for (const t of targets) {
      if (facts.configs.length >= MAX_CONFIGS) {
        truncated = true;
        break;
      }
      const ov = overrides.find((o) => o.goos === t.goos && o.goarch === t.goarch);
      const envHere: Record<string, SettingValue> = {};
      for (const [name, e] of env) envHere[name] = e.setting;
      if (ov) for (const [name, e] of ov.env) envHere[name] = e.setting;
      envHere.GOOS = t.goosSetting;
      envHere.GOARCH = t.goarchSetting;
      const d = {
        linkerFlags: ov?.hasLdflags || ov?.hasFlags ? ov.details.linkerFlags : base.linkerFlags,
        ldflags: ov?.hasLdflags ? ov.details.ldflags : base.ldflags,
        buildmode: ov?.hasBuildmode || ov?.details.buildmode ? ov.details.buildmode : base.buildmode,
        tags: ov?.hasTags ? ov.details.tags : base.tags,
      };
      const target = `${t.goos}_${t.goarch}`;
      const config: BuildConfig = {
        tool: 'goreleaser',
        file,
        range: buildRange,
        label: `goreleaser build ${buildName} (target ${target})`,
        action: 'build',
        env: envHere,
        linkerFlags: d.linkerFlags,
        ...(d.ldflags ? { ldflags: d.ldflags } : {}),
        ...(d.buildmode ? { buildmode: d.buildmode } : {}),
        ...(d.tags ? { tags: d.tags } : {}),
        packages: [main],
        dir,
        ...(insertion ? { insertion } : {}),
        goreleaser: { target, origin: t.origin, ...(t.origin === 'product' && !GORELEASER_VALID_TARGETS.has(`${t.goos}/${t.goarch}`) ? { skipped: true } : {}) },
      };
      facts.configs.push(config);
    }
  });
  if (truncated) facts.notes.push({ file, reason: `more than ${MAX_BUILDS} builds or ${MAX_CONFIGS} build targets (counting each alias); the rest are not checked` });
  facts.gorootRefs.push(...findGorootRefs(file, text, index, /^#/));
  facts.flagRefs.push(...findFlagRefs(file, text, index, /^#/, flagPlaceOf));
}

function keyRangeOrBuild(doc: YamlDoc, build: unknown, key: string, index: LineIndex): SettingValue['range'] | undefined {
  const pair = getPair(doc, build, key);
  const span = pair ? nodeSpan(pair.key) : undefined;
  return span ? index.range(span[0], span[1]) : undefined;
}

function joinRel(dir: string, sub: string | undefined): string {
  return sub ? joinRelativePath(dir, sub, 'clamp') : dir;
}

/** Where to add `- NAME=value` to a build's env list (or a new `env:` key) in block style. */
function envInsertion(doc: YamlDoc, text: string, index: LineIndex, file: string, build: unknown, envNode: Node | undefined): EnvInsertion | undefined {
  const column = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const trimEnd = (offset: number) => {
    let o = offset;
    while (o > 0 && /\s/.test(text[o - 1]!)) o--;
    return o;
  };
  const ownMap = deref(doc, build);
  const own = isMap(ownMap) ? ownMap.items.find((p) => isScalar(p.key) && p.key.value === 'env') : undefined;
  if (envNode) {
    // Only an env list written in this build (not merged in from an anchor) can take a new item.
    if (!isSeq(envNode) || (envNode as { flow?: boolean }).flow) return undefined;
    if (!own || deref(doc, own.value) !== envNode || isAliasLike(own.value)) return undefined;
    const items = envNode.items;
    const last = items[items.length - 1];
    const lastSpan = nodeSpan(last);
    const firstSpan = nodeSpan(items[0]);
    if (!lastSpan || !firstSpan) return undefined;
    const dash = text.lastIndexOf('-', firstSpan[0]);
    if (dash < 0) return undefined;
    return { file, at: index.position(trimEnd(lastSpan[1])), style: 'yaml-list-item', indent: ' '.repeat(column(dash)) };
  }
  const map = deref(doc, build);
  if (!isMap(map) || (map as { flow?: boolean }).flow) return undefined;
  const firstKey = map.items[0]?.key;
  const keySpan = nodeSpan(firstKey);
  const mapSpan = nodeSpan(map);
  if (!keySpan || !mapSpan || !isScalar(firstKey)) return undefined;
  return { file, at: index.position(trimEnd(mapSpan[1])), style: 'yaml-new-env-list', indent: ' '.repeat(column(keySpan[0])) };
}

function isAliasLike(node: unknown): boolean {
  return (node as { source?: unknown } | undefined)?.source !== undefined;
}
