/**
 * The binaries the Go extension would run (core/knowledge/go-extension-resolution.ts), found by
 * stat only: each candidate's existence, executability and real path, and for `go` the VERSION
 * file of the installation it belongs to. Nothing is run.
 */
import { dirname } from 'node:path';
import { goExtensionCandidates } from '../core/knowledge/go-extension-resolution.js';
import type { EditorRecord, EditorToolCandidate, ToolBinary } from '../core/snapshot.js';
import { isExecutableFile, type ProbeFileSystem } from './filesystem.js';
import { readGoVersionFile } from './go-version-file.js';

export async function probeEditorTools(editor: EditorRecord, env: Readonly<Record<string, string | undefined>>, pathTools: readonly ToolBinary[], fs: ProbeFileSystem): Promise<EditorRecord> {
  if (!editor.goSettings) return editor;
  const tools: Record<string, EditorToolCandidate[]> = {};
  for (const name of ['go', 'gopls'] as const) {
    tools[name] = await Promise.all(
      goExtensionCandidates(name, editor.goSettings, env).map(async (c): Promise<EditorToolCandidate> => {
        if (c.path === undefined) {
          const onPath = pathTools.find((t) => t.name === name);
          if (!onPath) return { source: c.source, executable: false };
          return { path: onPath.path, source: c.source, executable: true, realPath: onPath.realPath, ...(name === 'go' ? await versionField(onPath.realPath, fs) : {}) };
        }
        const executable = isExecutableFile(await fs.stat(c.path));
        const realPath = executable ? await fs.realpath(c.path) : undefined;
        return { path: c.path, source: c.source, executable, ...(realPath ? { realPath } : {}), ...(name === 'go' && realPath ? await versionField(realPath, fs) : {}) };
      }),
    );
  }
  return { ...editor, tools };
}

async function versionField(realPath: string, fs: ProbeFileSystem): Promise<{ version?: string }> {
  // bin/go → its GOROOT's VERSION file
  const version = await readGoVersionFile(dirname(dirname(realPath)), fs);
  return version ? { version } : {};
}
