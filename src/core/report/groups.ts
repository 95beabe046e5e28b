/**
 * How reports group rules: one line per group, in the spirit of `flutter doctor`. A rule's family
 * is the part of its id before the `/`; a family no group names gets a group of its own.
 */
import type { SnapshotSummary } from './model.js';

export interface ReportGroup {
  id: string;
  title: string;
  /** Rule families (id prefixes) in this group. */
  families: readonly string[];
  /** Shown only when it applies to this snapshot (or when it has findings). */
  appliesTo?: (snapshot: SnapshotSummary) => boolean;
  /** Shown only when it has findings (the doctor's own problems). */
  onlyWithFindings?: boolean;
}

export const reportGroups: readonly ReportGroup[] = [
  { id: 'doctor', title: 'Doctor checks', families: ['doctor'], onlyWithFindings: true },
  { id: 'go', title: 'Go toolchain', families: ['go'] },
  { id: 'path', title: 'PATH', families: ['path'] },
  { id: 'clt', title: 'Xcode Command Line Tools', families: ['clt'], appliesTo: (s) => s.platform === 'darwin' },
  { id: 'cgo', title: 'cgo', families: ['cgo'] },
  { id: 'tools', title: 'Go tools', families: ['tools'] },
  { id: 'watch', title: 'File watching', families: ['watch'] },
  {
    id: 'workspace',
    title: 'Workspace build settings',
    families: ['cross', 'build', 'settings'],
    appliesTo: (s) => s.workspace !== null,
  },
];

export function ruleFamily(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash < 0 ? ruleId : ruleId.slice(0, slash);
}

/** The group a rule belongs to (a synthesized one for a family no group names). */
export function groupOfRule(ruleId: string): ReportGroup {
  const family = ruleFamily(ruleId);
  return reportGroups.find((g) => g.families.includes(family)) ?? { id: family, title: family, families: [family] };
}
