/** The `goDoctor/report` answer for one folder (the core report plus what the server adds) and the `goDoctor/rules` answer. */
import { explainInvisibleGo, tildePath } from '../core/facts/go-visibility.js';
import { goIsMissing } from '../core/facts/index.js';
import { engineRuleDescriptors, type RuleDescriptor } from '../core/report/engine-rules.js';
import { buildReport } from '../core/report/model.js';
import { absoluteDocsLinks, ruleDocsUrl, runsUntrusted, type Rule } from '../core/rule.js';
import type { WorkspaceModel } from '../core/workspace/model.js';
import type { FolderReport, PublishedFinding, RuleInfo, ToolchainFacts } from './protocol.js';
import type { WorkspaceSession } from './session.js';
import { pathToUri } from './uris.js';

export const SERVER_VERSION: string = typeof GO_DOCTOR_VERSION === 'undefined' ? '0.0.0-dev' : GO_DOCTOR_VERSION;

export function folderReport(session: WorkspaceSession): FolderReport | undefined {
  const snapshot = session.currentSnapshot;
  const machine = session.currentMachine;
  const model = session.currentModel;
  const analysis = session.analysis;
  if (!snapshot || !machine || !model || !analysis) return undefined;
  const findings = analysis.findings.map((a) => a.finding);
  const core = buildReport(snapshot, { context: { snapshot, machine, workspace: model }, findings }, { tool: { name: 'go-doctor', version: SERVER_VERSION } });
  const published: PublishedFinding[] = core.findings.map((f, i) => {
    const location = analysis.findings[i]?.location;
    return location ? { ...f, published: { uri: pathToUri(location.file), range: location.range } } : f;
  });
  const toolchain: ToolchainFacts = {
    platform: machine.platform,
    arch: machine.arch,
    targets: workspaceTargets(model),
    toolNames: snapshot.options.toolNames,
  };
  if (machine.go.version) toolchain.goVersion = machine.go.version.raw;
  if (machine.go.binary) toolchain.goBinary = machine.go.binary;
  const hidden = goIsMissing(snapshot) ? explainInvisibleGo(snapshot) : undefined;
  if (hidden) {
    const mention = hidden.mentions[0];
    toolchain.goNotOnPath = {
      goroot: tildePath(hidden.installation.goroot, snapshot.env.HOME),
      ...(hidden.installation.version ? { version: hidden.installation.version } : {}),
      ...(mention ? { file: `${mention.file.display}:${mention.line}` } : hidden.target ? { file: hidden.target.display } : {}),
    };
  }
  const cgo = machine.go.env?.CGO_ENABLED;
  if (cgo === '1' || cgo === '0') toolchain.cgoEnabled = cgo === '1';
  if (machine.mac?.clt.version) toolchain.cltVersion = machine.mac.clt.version;
  return {
    ...core,
    findings: published,
    folderUri: session.folderUri,
    trusted: session.trusted,
    state: session.state,
    toolchain,
    skipped: session.skipped,
    skippedFiles: snapshot.workspace?.skipped ?? [],
  };
}

/** The `goDoctor/rules` answer: the server's rules plus the engine's own findings, with their docs. */
export function ruleCatalog(rules: readonly Rule[]): RuleInfo[] {
  const info = (r: RuleDescriptor, untrusted: boolean): RuleInfo => ({
    id: r.id,
    summary: r.summary,
    defaultSeverity: r.defaultSeverity,
    docsUrl: ruleDocsUrl(r.id),
    docs: absoluteDocsLinks(r.docs),
    runsUntrusted: untrusted,
  });
  return [...rules.map((r) => info(r, runsUntrusted(r))), ...engineRuleDescriptors.map((r) => info(r, false))];
}

/** GOOS/GOARCH pairs the workspace's build configurations set ("linux/arm64", or "js" alone), sorted. */
export function workspaceTargets(model: WorkspaceModel): string[] {
  const targets = new Set<string>();
  for (const config of model.buildConfigs ?? []) {
    const goos = config.env.GOOS?.value;
    if (!goos) continue;
    const goarch = config.env.GOARCH?.value;
    targets.add(goarch ? `${goos}/${goarch}` : goos);
  }
  return [...targets].sort();
}
