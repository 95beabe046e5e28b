/** Builders for the extension's pure modules' tests: a folder report as the server sends it. */
import type { Finding, Severity } from '../../../src/core/finding.js';
import type { Translate } from '../../../src/extension/status-summary.js';
import type { FolderReport } from '../../../src/server/protocol.js';

/** vscode.l10n.t's formatting ({0}, {1} …) without VS Code. */
export const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));

export function finding(rule: string, severity: Severity = 'warning', extra: Partial<Finding> = {}): Finding {
  return { rule, severity, message: `${rule} is wrong.\nSecond line.`, evidence: [], fixes: [], ...extra };
}

export interface FolderOptions {
  platform?: string;
  arch?: string;
  goVersion?: string;
  goBinary?: string;
  cgoEnabled?: boolean;
  cltVersion?: string;
  targets?: string[];
  trusted?: boolean;
  state?: 'probing' | 'ready';
  findings?: Finding[];
  skipped?: { what: string; reason: string }[];
  root?: string;
}

/** One folder of a `goDoctor/report` answer. */
export function folderReport(o: FolderOptions = {}): FolderReport {
  const root = o.root ?? '/home/ada/project';
  return {
    schema: 'go-doctor/report' as const,
    version: 1,
    tool: { name: 'go-doctor', version: 'test' },
    snapshot: {
      createdAt: '2026-11-25T00:00:00.000Z',
      producer: { name: 'go-doctor', version: 'test' },
      source: 'live',
      redacted: false,
      platform: o.platform ?? 'linux',
      arch: o.arch ?? 'x64',
      release: '6.1.0',
      go: o.goVersion ? { version: o.goVersion, binary: o.goBinary ?? '/usr/local/go/bin/go' } : {},
      workspace: root,
      timeoutMs: 5000,
    },
    summary: { errors: 0, warnings: 0, infos: 0, total: 0 },
    findings: (o.findings ?? []).map((f) => ({ ...f, docsUrl: `https://example.invalid/rules#${f.rule}` })),
    folderUri: `file://${root}`,
    trusted: o.trusted ?? true,
    state: o.state ?? 'ready',
    toolchain: {
      platform: o.platform ?? 'linux',
      arch: o.arch ?? 'x64',
      ...(o.goVersion ? { goVersion: o.goVersion, goBinary: o.goBinary ?? '/usr/local/go/bin/go' } : {}),
      ...(o.cgoEnabled === undefined ? {} : { cgoEnabled: o.cgoEnabled }),
      ...(o.cltVersion ? { cltVersion: o.cltVersion } : {}),
      targets: o.targets ?? [],
      toolNames: ['go', 'gopls'],
    },
    skipped: o.skipped ?? [],
    skippedFiles: [],
  };
}
