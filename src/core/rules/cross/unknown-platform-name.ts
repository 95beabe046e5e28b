/**
 * Shared by cross/unknown-goos and cross/unknown-goarch: a GOOS/GOARCH value that is not a name
 * of any port of the Go release that will build it. Checked against `go tool dist list` (the
 * live one of the active go, else the embedded table), never against `go env`, which accepts
 * anything (facts §1.2).
 */
import type { Evidence, Fix, Severity } from '../../finding.js';
import type { Port } from '../../machine.js';
import type { Rule, RuleContext, RuleFinding } from '../../rule.js';
import type { BuildConfig, SettingValue } from '../../workspace/build-config.js';
import { applyCertainty } from '../../workspace/certainty.js';
import { replaceValueEdit } from '../../workspace/env-edit.js';
import { ARCH_MISTAKES, KNOWN_ARCH, KNOWN_OS, OS_MISTAKES, suggestName } from '../../workspace/go-names.js';
import { anyReleasePorts, configEvidence, dedupeFindings, hostOf, portsOf, quoteList, releaseOf, targetOf } from './target.js';

type Which = 'GOOS' | 'GOARCH';

interface Candidate {
  setting: SettingValue;
  config?: BuildConfig;
}

/** Every literal GOOS (or GOARCH) value, with the configuration that uses it when there is one. */
function candidates(ctx: RuleContext, which: Which): Candidate[] {
  const out: Candidate[] = [];
  const key = (s: SettingValue) => `${s.file}|${s.range.start.line}:${s.range.start.character}|${s.value}`;
  const seen = new Set<string>();
  for (const config of ctx.workspace.buildConfigs ?? []) {
    const s = config.env[which];
    if (!s || s.value === undefined || s.value === '') continue;
    if (seen.has(key(s))) {
      // Prefer a configuration that certainly runs (its finding need not be capped).
      const at = out.findIndex((c) => key(c.setting) === key(s));
      if (at >= 0 && (out[at]!.config?.conditions?.length ?? 0) > 0 && (config.conditions?.length ?? 0) === 0) out[at] = { setting: s, config };
      continue;
    }
    seen.add(key(s));
    out.push({ setting: s, config });
  }
  for (const s of ctx.workspace.settings ?? []) {
    if (s.name !== which || s.value === undefined || s.value === '' || seen.has(key(s))) continue;
    if (!/^[A-Za-z0-9_.-]+$/.test(s.value)) continue; // lists and expressions are not one value
    seen.add(key(s));
    out.push({ setting: s });
  }
  return out;
}

const validCache = new WeakMap<Port[], { GOOS: string[]; GOARCH: string[] }>();

/** The GOOS and GOARCH names of a port list, sorted (memoised per list). */
function validNames(ports: Port[]): { GOOS: string[]; GOARCH: string[] } {
  let v = validCache.get(ports);
  if (!v) {
    v = { GOOS: [...new Set(ports.map((p) => p.goos))].sort(), GOARCH: [...new Set(ports.map((p) => p.goarch))].sort() };
    validCache.set(ports, v);
  }
  return v;
}

export function checkUnknownName(ctx: RuleContext, which: Which, rule: Pick<Rule, 'defaultSeverity'>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { setting, config } of candidates(ctx, which)) {
    const value = setting.value!;
    if (!/^[A-Za-z0-9_.-]+$/.test(value)) continue;
    const release = releaseOf(ctx, config);
    const ports = portsOf(ctx, release);
    const table = ports ?? anyReleasePorts();
    const valid = validNames(table)[which];
    if (valid.includes(value)) continue;
    // Known to some other Go release (e.g. a port added later): the pair rules explain that.
    if (ports && validNames(anyReleasePorts())[which].includes(value)) continue;

    const host = config ? hostOf(ctx, config) : undefined;
    const target = config ? targetOf(config, host) : undefined;
    // A CI runner's or container's platform is never this machine's.
    const machineOs = config ? undefined : (ctx.machine.go.env?.GOOS ?? ctx.machine.go.hostOs);
    const machineArch = config ? undefined : (ctx.machine.go.env?.GOARCH ?? ctx.machine.go.hostArch);
    const otherValue = which === 'GOOS' ? (target?.goarch ?? machineArch) : (target?.goos ?? machineOs);
    const pair = which === 'GOOS' ? `${value}/${otherValue ?? '<GOARCH>'}` : `${otherValue ?? '<GOOS>'}/${value}`;
    const goError = `go: unsupported GOOS/GOARCH pair ${pair}`;
    const releaseText = ports ? (release?.source === 'machine' && ctx.machine.go.portsSource !== 'knowledge' ? `\`go tool dist list\` of ${release.label}` : `the ports of ${release?.label}`) : 'the ports of any Go release from 1.21 to 1.27';
    const reserved = which === 'GOOS' ? KNOWN_OS.has(value) : KNOWN_ARCH.has(value);
    const lower = value.toLowerCase();
    const where = config ? `, used by ${config.label},` : '';
    let message: string;
    if (which === 'GOOS' && (lower === 'visionos' || lower === 'xros')) {
      message = `GOOS=${value}${where.replace(/,$/, '')}: no Go release has a visionOS port — it is not in ${releaseText} — so \`go build\` fails with \`${goError}\`. \`go env\` and \`go list\` accept the value without complaint, which is why this goes unnoticed. The nearest real targets are GOOS=ios (iPhone/iPad) and GOOS=darwin (macOS); neither builds for visionOS.`;
    } else if (reserved) {
      message = `${which}=${value}${where} is a name Go reserves (go/build knows it) but no Go release can build for it: it is not in ${releaseText}, so \`go build\` fails with \`${goError}\`.`;
    } else {
      message = `${which}=${value}${where} is not a ${which} Go knows: it is not in ${releaseText}, so \`go build\` fails with \`${goError}\` (\`go env\` accepts any value, so nothing warns earlier).`;
    }
    let severity: Severity = 'error';
    if (config?.tool === 'goreleaser' && config.goreleaser?.origin === 'product') {
      message += ` goreleaser itself stops before building with \`invalid ${which.toLowerCase()}: ${value}\`.`;
    }
    if (config?.action === 'tools') {
      severity = 'warning';
      message += ' Here it is the environment of the Go extension\'s tools: builds, tests and debugging from VS Code fail.';
    }

    const suggestions = suggestName(value, valid, which === 'GOOS' ? OS_MISTAKES : ARCH_MISTAKES);
    const fixes: Fix[] = [];
    for (const s of suggestions) {
      const edit = replaceValueEdit(setting, s.value);
      const title = s.equivalent ? `Use ${which}=${s.value} (${s.note})` : `Use ${which}=${s.value} instead — not equivalent: ${s.note}`;
      if (edit) fixes.push({ kind: 'edit', title, edits: [edit], ...(s.equivalent && suggestions.length === 1 ? { preferred: true } : {}) });
      else fixes.push({ kind: 'text', title, text: `Set ${which}=${s.value}. ${s.note}.` });
    }
    const saidAlready = which === 'GOOS' && (lower === 'visionos' || lower === 'xros');
    if (saidAlready) {
      // The visionOS message already names the nearest targets.
    } else if (suggestions.length > 0 && !suggestions.some((s) => s.equivalent)) {
      message += ` Nearest real value${suggestions.length > 1 ? 's' : ''}: ${suggestions.map((s) => `${s.value} (${s.note})`).join('; ')}.`;
    } else if (suggestions.length === 1) message += ` Did you mean ${which}=${suggestions[0]!.value}? (${suggestions[0]!.note})`;
    if (fixes.length === 0) fixes.push({ kind: 'text', title: `Use a real ${which}`, text: `Valid ${which} values: ${quoteList(valid, 60)}.` });

    const evidence: Evidence[] = [{ kind: 'file', file: setting.file, excerpt: `${which}=${value}`, line: setting.range.start.line }];
    if (config) evidence.push(configEvidence(config));
    evidence.push({ kind: 'note', text: `${which} values in ${releaseText}: ${quoteList(valid, 60)}` });
    const finding: RuleFinding = { severity, message, evidence, location: { file: setting.file, range: setting.range }, fixes };
    findings.push(...(config ? applyCertainty([finding], config, rule.defaultSeverity) : [finding]));
  }
  return dedupeFindings(rule, findings);
}
