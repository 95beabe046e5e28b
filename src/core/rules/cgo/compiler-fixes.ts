import type { Fix } from '../../finding.js';

/** How to get a C compiler on this platform (macOS: the CLT, facts §4; Linux: the distribution's gcc). */
export function installCompilerFixes(platform: string, name: string): Fix[] {
  if (platform === 'darwin') return [{ kind: 'command', title: 'Install the Command Line Tools (clang)', command: 'xcode-select --install', outsideWorkspace: true }];
  return [
    { kind: 'command', title: 'Debian/Ubuntu: install gcc', command: 'sudo apt-get install gcc', outsideWorkspace: true, needsAdmin: true },
    { kind: 'text', title: 'Other distributions', text: `Install ${name === 'gcc' || name.endsWith('-gcc') ? 'gcc' : name} with your package manager (e.g. sudo dnf install gcc), or set CC to a C compiler that is installed.` },
  ];
}
