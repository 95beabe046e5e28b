/**
 * Where a finding is shown in the editor. Findings with a location keep it. Environment
 * findings (no location) are anchored where the user can act: the `go`/`toolchain` line for
 * go/* findings, the setting's key in .vscode/settings.json for settings-related ones, else the
 * first line of the root go.mod. With nowhere to anchor, a finding is only in the report.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { resolveFixPath, settingJsonPath, workspaceSettingsFile } from '../core/edits/fix-changes.js';
import { LineIndex } from '../core/parse/line-index.js';
import type { Finding, Location, Range } from '../core/finding.js';
import type { GoModFacts, WorkspaceModel } from '../core/workspace/model.js';

interface AnchorSources {
  root: string;
  model: WorkspaceModel;
  /** Current text of a workspace file (editor content for open files), by `/`-separated relative path. */
  fileText(relPath: string): string | undefined;
  /** Relative paths of the go.mod / go.work files the workspace record holds. */
  moduleFiles: readonly string[];
}

const SETTINGS_REL_PATH = '.vscode/settings.json';

export class FindingAnchors {
  private settingsTree: Node | undefined | null = null;
  private settingsLines: LineIndex | undefined;
  private fallback: Location | undefined | null = null;

  constructor(private readonly sources: AnchorSources) {}

  locate(finding: Finding): Location | undefined {
    if (finding.location) return { file: resolveFixPath(this.sources.root, finding.location.file), range: finding.location.range };
    return this.settingsAnchor(finding) ?? (finding.rule.startsWith('go/') ? this.goDirectiveAnchor() : undefined) ?? this.firstLineOfGoMod();
  }

  /**
   * The key of the first setting a fix of this finding changes, when settings.json already has
   * that exact setting (a fix that adds a new key to an existing object is not anchored on the
   * object: the finding is not about what is there).
   */
  private settingsAnchor(finding: Finding): Location | undefined {
    for (const fix of finding.fixes) {
      if (fix.kind !== 'setting') continue;
      const tree = this.parsedSettings();
      if (!tree || !this.settingsLines) return undefined;
      const path = settingJsonPath(fix);
      const node = findNodeAtLocation(tree, path);
      const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      if (!key) continue;
      const range: Range = this.settingsLines.range(key.offset, key.offset + key.length);
      return { file: workspaceSettingsFile(this.sources.root), range };
    }
    return undefined;
  }

  private parsedSettings(): Node | undefined {
    if (this.settingsTree === null) {
      const text = this.sources.fileText(SETTINGS_REL_PATH);
      this.settingsTree = text === undefined ? undefined : parseTree(text, [], { allowTrailingComma: true });
      this.settingsLines = text === undefined ? undefined : new LineIndex(text);
    }
    return this.settingsTree;
  }

  private goDirectiveAnchor(): Location | undefined {
    const module = this.rootModule();
    const directive = module?.go ?? module?.toolchain;
    if (!directive) return undefined;
    return { file: resolveFixPath(this.sources.root, directive.file), range: directive.range };
  }

  /** go.mod at the root, else go.work at the root, else the module file nearest the root. */
  private rootModule(): GoModFacts | undefined {
    const { root, model } = this.sources;
    const byDepth = [...model.modules].sort((a, b) => depth(resolveFixPath(root, a.file)) - depth(resolveFixPath(root, b.file)));
    return (
      byDepth.find((m) => resolveFixPath(root, m.file) === resolveFixPath(root, 'go.mod')) ??
      byDepth.find((m) => resolveFixPath(root, m.file) === resolveFixPath(root, 'go.work')) ??
      byDepth[0]
    );
  }

  private firstLineOfGoMod(): Location | undefined {
    if (this.fallback !== null) return this.fallback;
    const files = [...this.sources.moduleFiles].sort((a, b) => rank(a) - rank(b));
    const file = files[0];
    const text = file === undefined ? undefined : this.sources.fileText(file);
    if (file === undefined || text === undefined) return (this.fallback = undefined);
    const lines = new LineIndex(text);
    this.fallback = { file: resolveFixPath(this.sources.root, file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: lines.lineEnd(0) } } };
    return this.fallback;
  }
}

function depth(path: string): number {
  return path.split('/').length;
}

/** Root go.mod first, then root go.work, then nested go.mod files by depth (go.work only as a last resort). */
function rank(relPath: string): number {
  if (relPath === 'go.mod') return 0;
  if (relPath === 'go.work') return 1;
  return 2 + depth(relPath) * 2 + (relPath.endsWith('go.work') ? 1 : 0);
}
