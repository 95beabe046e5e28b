/**
 * Runs workspace rules on a real fixture folder (test/testdata/workspaces/<name>): scanned by the
 * real scanner, parsed by the real parsers, with machine facts for a chosen Go release.
 */
import { join, resolve } from 'node:path';
import type { Finding, Fix, TextEdit } from '../../../../src/core/finding.js';
import { runRules } from '../../../../src/core/engine.js';
import { portsFor } from '../../../../src/core/knowledge/index.js';
import type { MachineFacts } from '../../../../src/core/machine.js';
import type { Rule, RuleContext } from '../../../../src/core/rule.js';
import { buildWorkspaceModel } from '../../../../src/core/workspace/build.js';
import { scanWorkspace } from '../../../../src/probe/workspace/scan.js';
import { emptySnapshot } from '../../../support/snapshots.js';

export const FIXTURES = resolve(__dirname, '../../../testdata/workspaces');

export interface MachineOptions {
  /** Go release of the active go, e.g. '1.27.3'; undefined = no Go found. */
  go?: string;
  hostOs?: string;
  hostArch?: string;
  /** Command Line Tools / Xcode major (macOS). */
  xcode?: number;
}

export function machine(o: MachineOptions = {}): MachineFacts {
  const hostOs = o.hostOs ?? 'linux';
  const hostArch = o.hostArch ?? 'amd64';
  const go: MachineFacts['go'] = {};
  if (o.go) {
    const [major, minor, patch] = o.go.split('.').map(Number) as [number, number, number];
    go.version = { raw: `go${o.go}`, major, minor, patch: patch ?? 0 };
    go.hostOs = hostOs;
    go.hostArch = hostArch;
    go.env = { GOOS: hostOs, GOARCH: hostArch, GOHOSTOS: hostOs, GOHOSTARCH: hostArch };
    go.ports = portsFor(o.go);
    go.portsSource = 'knowledge';
  }
  return {
    platform: hostOs === 'windows' ? 'win32' : hostOs,
    arch: hostArch === 'amd64' ? 'x64' : hostArch,
    env: {},
    go,
    buildInfo: {},
    problems: [],
    ...(hostOs === 'darwin' ? { mac: { clt: o.xcode !== undefined ? { major: o.xcode } : {} } } : {}),
  };
}

export async function contextFor(fixture: string, m: MachineOptions = { go: '1.27.3' }): Promise<RuleContext> {
  const root = join(FIXTURES, fixture);
  const record = await scanWorkspace(root);
  return { snapshot: emptySnapshot({ workspace: record }), machine: machine(m), workspace: buildWorkspaceModel(record) };
}

export async function run(rule: Rule, fixture: string, m?: MachineOptions): Promise<Finding[]> {
  const ctx = await contextFor(fixture, m);
  return runRules([rule], ctx);
}

/** `file:line:col` (1-based, as editors show) of a finding, relative to its fixture. */
export function where(f: Finding): string {
  const l = f.location;
  if (!l) return '(no location)';
  return `${l.file.slice(l.file.indexOf('/workspaces/') + '/workspaces/'.length).split('/').slice(1).join('/')}:${l.range.start.line + 1}:${l.range.start.character + 1}`;
}

/** The text a range covers in a file's content. */
export function textAt(content: string, r: TextEdit['range']): string {
  const lines = content.split('\n');
  if (r.start.line === r.end.line) return (lines[r.start.line] ?? '').slice(r.start.character, r.end.character);
  const out = [(lines[r.start.line] ?? '').slice(r.start.character)];
  for (let l = r.start.line + 1; l < r.end.line; l++) out.push(lines[l] ?? '');
  out.push((lines[r.end.line] ?? '').slice(0, r.end.character));
  return out.join('\n');
}

/** Applies one file's edits to its content (edits must not overlap). */
export function applyEdits(content: string, edits: readonly TextEdit[]): string {
  const lines = content.split('\n');
  const offset = (p: TextEdit['range']['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = content;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

export function editFix(f: Finding, title: RegExp): Extract<Fix, { kind: 'edit' }> {
  const fix = f.fixes.find((x) => x.kind === 'edit' && title.test(x.title));
  if (!fix || fix.kind !== 'edit') throw new Error(`no edit fix matching ${title} in ${JSON.stringify(f.fixes.map((x) => x.title))}`);
  return fix;
}
