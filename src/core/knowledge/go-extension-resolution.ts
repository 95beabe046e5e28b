/**
 * Which `go` and `gopls` the Go extension for VS Code runs (golang/vscode-go extension/src/util.ts
 * `getBinPathWithExplanation`, extension/src/utils/pathUtils.ts
 * `getBinPathWithPreferredGopathGorootWithExplanation`), in its order:
 *
 * go:    go.alternateTools["go"], $GOBIN/go, <go.goroot or $GOROOT>/bin/go, the first go on the
 *        extension host's PATH, then /usr/local/go/bin/go and /usr/local/bin/go.
 * gopls: go.alternateTools["gopls"], $GOBIN, go.toolsGopath/bin, each GOPATH entry's bin
 *        (default ~/go/bin), <go.goroot or $GOROOT>/bin, then PATH.
 *
 * (The "Go: Choose Go Environment" selection and the extension's own path cache are workspace
 * state the doctor cannot see.) Terminals and tasks run the first one on PATH, so any earlier
 * candidate that exists makes the editor run another binary than they do. Pure.
 */
import { abs } from './go-install-layouts.js';

export interface GoExtensionSettings {
  /** go.alternateTools: tool name → absolute path, or another tool name. */
  alternateTools?: Record<string, string>;
  /** go.goroot */
  goroot?: string;
  /** go.toolsGopath */
  toolsGopath?: string;
}

interface ToolCandidate {
  /** Absolute path, or undefined for "the first one on PATH". */
  path?: string;
  /** Why the extension looks there: `go.alternateTools`, `GOBIN`, `go.goroot` … */
  source: string;
}

type Env = Readonly<Record<string, string | undefined>>;


export function goExtensionCandidates(tool: 'go' | 'gopls', settings: GoExtensionSettings, env: Env): ToolCandidate[] {
  const out: ToolCandidate[] = [];
  const alternate = settings.alternateTools?.[tool];
  const name = alternate !== undefined && !alternate.includes('/') && alternate !== '' ? alternate : tool;
  const alt = abs(alternate);
  if (alt) out.push({ path: alt, source: `go.alternateTools["${tool}"]` });
  const gobin = abs(env.GOBIN);
  if (gobin) out.push({ path: `${gobin}/${name}`, source: 'GOBIN' });
  const goroot = abs(settings.goroot) ?? abs(env.GOROOT);
  const gorootSource = abs(settings.goroot) ? 'go.goroot' : 'GOROOT';
  if (tool === 'go') {
    if (goroot) out.push({ path: `${goroot}/bin/${name}`, source: gorootSource });
    out.push({ source: 'PATH' });
    out.push({ path: `/usr/local/go/bin/${name}`, source: 'the default location /usr/local/go/bin' });
    out.push({ path: `/usr/local/bin/${name}`, source: 'the default location /usr/local/bin' });
    return out;
  }
  const toolsGopath = abs(settings.toolsGopath);
  if (toolsGopath) out.push({ path: `${toolsGopath}/bin/${name}`, source: 'go.toolsGopath' });
  const gopaths = (env.GOPATH ?? '').split(':').map(abs).filter((p): p is string => p !== undefined);
  const home = abs(env.HOME);
  for (const p of gopaths.length > 0 ? gopaths : home ? [`${home}/go`] : []) out.push({ path: `${p}/bin/${name}`, source: gopaths.length > 0 ? 'GOPATH/bin' : '~/go/bin (default GOPATH)' });
  if (goroot) out.push({ path: `${goroot}/bin/${name}`, source: gorootSource });
  out.push({ source: 'PATH' });
  return out;
}
