import { isRecord } from '../core/is-record.js';
import type { GoExtensionSettings } from '../core/knowledge/go-extension-resolution.js';
import type { EditorRecord } from '../core/snapshot.js';

const shortText = (v: unknown, max = 4096): string | undefined => (typeof v === 'string' && v !== '' && v.length <= max ? v : undefined);

/**
 * `initializationOptions.editor` as a client sent it (any LSP client can send anything): the
 * editor's name, its remote name and the Go extension settings that choose binaries.
 */
export function readEditor(raw: unknown): EditorRecord | undefined {
  if (!isRecord(raw) || raw.name !== 'vscode') return undefined;
  const editor: EditorRecord = { name: 'vscode' };
  const remoteName = shortText(raw.remoteName, 200);
  if (remoteName) editor.remoteName = remoteName;
  if (isRecord(raw.goSettings)) {
    const g = raw.goSettings;
    const goSettings: GoExtensionSettings = {};
    if (isRecord(g.alternateTools)) {
      const tools = Object.entries(g.alternateTools).filter((e): e is [string, string] => shortText(e[1]) !== undefined).slice(0, 64);
      if (tools.length > 0) goSettings.alternateTools = Object.fromEntries(tools);
    }
    const goroot = shortText(g.goroot);
    if (goroot) goSettings.goroot = goroot;
    const toolsGopath = shortText(g.toolsGopath);
    if (toolsGopath) goSettings.toolsGopath = toolsGopath;
    editor.goSettings = goSettings;
  }
  return editor;
}
