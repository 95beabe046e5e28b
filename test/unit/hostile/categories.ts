/**
 * The hostile-input corpus (issue 13): one entry per category, each a generator that writes a
 * temporary workspace, and the runs it gets. corpus.test.ts runs every category not listed in
 * PENDING_CATEGORIES; `npx tsx test/unit/hostile/run-all.ts` runs them all and prints the table.
 */
import { join } from 'node:path';
import {
  binaryBytes,
  deepJson,
  dockerfileDoubling,
  ESCAPE_NAMES,
  goBuildConstraint,
  goBuildNested,
  goreleaserManyAliases,
  invalidUtf8,
  largeMakefile,
  longPath,
  makefileDoubling,
  makefileFanOut,
  shellDoubling,
  singleLine,
  utf16be,
  utf16le,
  workflowManyAliases,
  workflowMergeKeyBomb,
  yamlListBomb,
  yamlMergeKeyBomb,
} from './generators.js';
import type { HostileWorkspace } from './workspace.js';

/**
 * The runs a category gets:
 * - check:    `cli.js check <ws> --json --no-cache`
 * - snapshot: `cli.js snapshot <ws> --out <file> --no-cache`
 * - replay:   `cli.js check --from <file> --json` (the category's snapshot file, else the one `snapshot` wrote)
 * - human:    `cli.js check <ws> -v --no-cache --no-color` (what a terminal shows)
 * - server:   the bundled language server on the workspace: open/change/watched-file events for every hostile file
 */
export type RunnerId = 'check' | 'snapshot' | 'replay' | 'human' | 'server';

export const DEFAULT_RUNNERS: readonly RunnerId[] = ['check', 'snapshot', 'server'];

export interface RunOutput {
  runner: RunnerId;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface HostileCategory {
  id: string;
  /** What the input is, in a few words. */
  what: string;
  build(w: HostileWorkspace): void;
  runners?: readonly RunnerId[];
  /** Extra environment for every run (e.g. a huge PATH). */
  env?(w: HostileWorkspace): Record<string, string>;
  /** Probe timeout per command (ms): `--timeout` for the CLI, `probeTimeoutMs` for the server. */
  probeTimeoutMs?: number;
  /**
   * Snapshot files for `replay` runs, made from the text `snapshot` wrote (one run each, named
   * `replay:<name>`); default: that snapshot as it is.
   */
  replayVariants?(snapshotText: string): Record<string, string | Buffer>;
  /** Exit codes a `replay` of this variant may end with (default 0/1); a snapshot it cannot use is a usage error (2). */
  replayExitCodes?(variant: string): readonly number[];
  /**
   * Runs alone, after the others: its input reaches outside its own folder (a link to `/`), so a
   * defect would read the other categories' canaries and blame them.
   */
  exclusive?: boolean;
  /** A further check of a run's output; returns the problem, if any. */
  expect?(run: RunOutput, w: HostileWorkspace): string | undefined;
}

/** Terminal control characters other than \n and \t: raw in a terminal, they recolour, retitle or link. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x9b]/;

const okMakefile = 'build:\n\tGOOS=visionos GOARCH=arm64 go build ./...\n';
const goMod = 'module example.com/hostile\n\ngo 1.22\n';

export const CATEGORIES: readonly HostileCategory[] = [
  {
    id: 'symlink-outside',
    what: 'symlinks out of the workspace: build files to a secret, folders to the secret folder and to /, a loop',
    build(w) {
      w.write('go.mod', goMod);
      w.symlink(join(w.secret, 'Makefile'), 'Makefile');
      w.symlink(join(w.secret, 'settings.json'), '.vscode/settings.json');
      w.symlink(w.secret, 'scripts');
      w.symlink('../secret', 'deploy');
      w.symlink('/', 'rootfs');
      w.symlink('.', 'loop');
      w.symlink(join(w.secret, 'id_rsa'), 'build.sh');
    },
    runners: ['check', 'snapshot', 'replay', 'server'],
    exclusive: true,
  },
  {
    id: 'fifo-build-files',
    what: 'named pipes called Makefile, build.sh, go.mod, Dockerfile (an open for reading blocks forever)',
    build(w) {
      w.write('main.go', 'package main\n\nfunc main() {}\n');
      for (const name of ['Makefile', 'build.sh', 'go.mod', 'Dockerfile', '.github/workflows/ci.yml']) w.fifo(name);
    },
  },
  {
    id: 'char-device-links',
    what: 'build files that are links to character devices (/dev/zero, /dev/urandom, /dev/null, /dev/tty)',
    build(w) {
      w.write('go.mod', goMod);
      w.symlink('/dev/zero', 'Makefile');
      w.symlink('/dev/urandom', 'build.sh');
      w.symlink('/dev/zero', '.goreleaser.yaml');
      w.symlink('/dev/null', 'Dockerfile');
      w.symlink('/dev/tty', '.vscode/settings.json');
    },
  },
  {
    id: 'makefile-doubling',
    what: 'Makefile `:=` doubling 39 times (2^39 bytes expanded)',
    build(w) {
      w.write('go.mod', goMod);
      w.write('Makefile', makefileDoubling(39));
    },
  },
  {
    id: 'makefile-fanout',
    what: 'Makefile recursive `=` fan-out (10 references, 12 levels)',
    build(w) {
      w.write('go.mod', goMod);
      w.write('Makefile', makefileFanOut(12, 10));
    },
  },
  {
    id: 'shell-doubling',
    what: 'shell script `A="$A $A"` 60 times',
    build(w) {
      w.write('go.mod', goMod);
      w.write('build.sh', shellDoubling(60));
    },
  },
  {
    id: 'dockerfile-doubling',
    what: 'Dockerfile `ENV A=${A}${A}` 60 times',
    build(w) {
      w.write('go.mod', goMod);
      w.write('Dockerfile', dockerfileDoubling(60));
    },
  },
  {
    id: 'yaml-merge-bomb',
    what: 'YAML merge keys `<<: [*a, *a, …]` nested 6 deep (goreleaser and workflow), and an alias list bomb',
    build(w) {
      w.write('go.mod', goMod);
      w.write('.goreleaser.yaml', yamlMergeKeyBomb(6, 10) + yamlListBomb(6, 10));
      w.write('.github/workflows/ci.yml', workflowMergeKeyBomb(6, 10));
    },
  },
  {
    id: 'yaml-30000-aliases',
    what: '30 000 aliases in a goreleaser config and in a workflow',
    build(w) {
      w.write('go.mod', goMod);
      w.write('.goreleaser.yml', goreleaserManyAliases(30_000));
      w.write('.github/workflows/build.yml', workflowManyAliases(30_000));
    },
  },
  {
    id: 'go-build-7000-terms',
    what: 'a //go:build constraint of 7 000 terms, and one of 5 000 nested parentheses',
    build(w) {
      w.write('go.mod', goMod);
      w.write('wide.go', goBuildConstraint(7000));
      w.write('deep.go', goBuildNested(5000));
    },
  },
  {
    id: 'path-15000',
    what: 'a PATH of 15 000 entries (missing, empty, relative)',
    build(w) {
      w.write('go.mod', goMod);
      w.write('Makefile', okMakefile);
    },
    env: () => ({ PATH: longPath(15_000, ['/usr/bin', '/bin']) }),
  },
  {
    id: 'hostile-go-binary',
    what: 'a `go` first on PATH that leaves a background child behind and never answers `go env`',
    build(w) {
      w.write('go.mod', goMod);
      w.write('Makefile', okMakefile);
      w.tool(
        'go',
        [
          '#!/bin/sh',
          '# Leaves a child running with the output closed, then answers only `go version`.',
          '( sleep 30 ) </dev/null >/dev/null 2>&1 &',
          'case "$1" in',
          '  version) echo "go version go1.24.3 linux/amd64" ;;',
          '  *) sleep 30 ;;',
          'esac',
          '',
        ].join('\n'),
      );
    },
    env: (w) => ({ PATH: `${w.bin}:/usr/bin:/bin` }),
    probeTimeoutMs: 1500,
  },
  {
    id: 'unreadable-build-files',
    what: 'build files and a folder without read permission (root still reads them)',
    build(w) {
      w.write('go.mod', goMod);
      w.write('Makefile', okMakefile);
      w.write('private/build.sh', '#!/bin/sh\nGOOS=visionos go build ./...\n');
      w.chmod('Makefile', 0o000);
      w.chmod('private', 0o000);
    },
  },
  {
    id: 'binary-build-files',
    what: 'random bytes with NULs named Makefile, go.mod, .goreleaser.yaml, settings.json',
    build(w) {
      w.write('go.mod', binaryBytes(64 * 1024, 1));
      w.write('Makefile', binaryBytes(256 * 1024, 2));
      w.write('.goreleaser.yaml', binaryBytes(64 * 1024, 3));
      w.write('.vscode/settings.json', binaryBytes(16 * 1024, 4));
    },
  },
  {
    id: 'large-build-files',
    what: 'build files over 1 MiB (a 3 MiB Makefile, a 2 MiB script)',
    build(w) {
      w.write('go.mod', goMod);
      w.write('Makefile', largeMakefile(3 * 1024 * 1024));
      w.write('build.sh', `#!/bin/sh\n${'echo building\n'.repeat(160_000)}GOOS=visionos go build ./...\n`);
    },
  },
  {
    id: 'utf16-build-files',
    what: 'UTF-16 (LE and BE, with BOM) Makefile, go.mod, settings.json',
    build(w) {
      w.write('go.mod', utf16le(goMod));
      w.write('Makefile', utf16le(okMakefile));
      w.write('.vscode/settings.json', utf16be('{"go.toolsEnvVars": {"GOOS": "visionos"}}\n'));
    },
  },
  {
    id: 'invalid-utf8',
    what: 'invalid UTF-8 (lone continuation bytes, overlongs, surrogates) in every kind of build file',
    build(w) {
      w.write('go.mod', invalidUtf8(goMod));
      w.write('Makefile', invalidUtf8(okMakefile));
      w.write('build.sh', invalidUtf8('#!/bin/sh\nGOOS=visionos go build ./...\n'));
      w.write('.goreleaser.yaml', invalidUtf8('builds:\n  - goos: [visionos]\n'));
      w.write('main.go', invalidUtf8('//go:build visionos\n\npackage main\n'));
    },
  },
  {
    id: 'deep-json-settings',
    what: '.vscode/settings.json nested 100 000 levels deep',
    build(w) {
      w.write('go.mod', goMod);
      w.write('.vscode/settings.json', deepJson(100_000));
    },
  },
  {
    id: 'ten-mb-single-line',
    what: 'a 10 MB single-line Go file and a 10 MB single-line workflow',
    build(w) {
      w.write('go.mod', goMod);
      w.write('big.go', singleLine(10 * 1024 * 1024));
      w.write('.github/workflows/one-line.yml', singleLine(10 * 1024 * 1024, '# '));
    },
  },
  {
    id: 'escape-file-names',
    what: 'file and folder names with terminal escape sequences, CR and newlines (each holding a finding)',
    build(w) {
      w.write('go.mod', goMod);
      for (const name of ESCAPE_NAMES) w.write(`${name}/Makefile`, okMakefile);
      w.write(`${ESCAPE_NAMES[0]!}.sh`, '#!/bin/sh\nGOOS=visionos go build ./...\n');
    },
    runners: ['check', 'snapshot', 'human', 'server'],
    expect(run) {
      if (run.runner !== 'human') return undefined;
      const at = RAW_CONTROL.exec(run.stdout);
      return at ? `raw control character U+${at[0].charCodeAt(0).toString(16).padStart(4, '0')} in the terminal report` : undefined;
    },
  },
  {
    id: 'gomod-huge-version',
    what: 'go.mod with `go 1.27.99999999999999999999999` and a toolchain line to match',
    build(w) {
      w.write('go.mod', 'module example.com/hostile\n\ngo 1.27.99999999999999999999999\n\ntoolchain go1.27.99999999999999999999999\n');
      w.write('go.work', 'go 1.99999999999999999999.0\n\nuse .\n');
    },
  },
  {
    id: 'snapshot-bom',
    what: '`check --from` a snapshot that starts with a UTF-8 byte-order mark',
    build(w) {
      w.write('go.mod', goMod);
    },
    runners: ['snapshot', 'replay'],
    replayVariants: (text) => ({
      bom: '\ufeff' + text,
      'bom-utf16': utf16le(text),
      'bom-twice': '\ufeff\ufeff' + text,
    }),
    // A UTF-8 BOM is how some editors save JSON: the snapshot is read. UTF-16 or a doubled mark may be refused (2), not crash.
    replayExitCodes: (variant) => (variant === 'bom' ? [0, 1] : [0, 1, 2]),
  },
  {
    id: 'snapshot-bad-types',
    what: '`check --from` snapshots whose fields have the wrong types (strings for arrays, numbers for strings, null)',
    build(w) {
      w.write('go.mod', goMod);
    },
    runners: ['snapshot', 'replay'],
    replayVariants: (text) => badlyTypedSnapshots(text),
    replayExitCodes: () => [0, 1, 2],
  },
];

/** One snapshot per mutation: a field of the wrong type, deep inside where the top-level check does not look. */
export function badlyTypedSnapshots(text: string): Record<string, string> {
  const base = JSON.parse(text) as Record<string, unknown>;
  const workspace = (base.workspace ?? { root: '/w', files: [], skipped: [] }) as Record<string, unknown>;
  const mutations: Record<string, (s: Record<string, unknown>) => void> = {
    'path-entries': (s) => (s.path = [{ index: 'zero', raw: 5, exists: 'yes', isDirectory: null, realPath: 7 }, null, 'x', 3]),
    'env-values': (s) => (s.env = { PATH: 5, HOME: null, GOOS: ['linux'], CGO_ENABLED: { on: true } }),
    commands: (s) =>
      (s.commands = {
        'go.version': { argv: 'go version', stdout: 5, stderr: null, exitCode: '0', durationMs: 'fast' },
        'go.env': { argv: [1, 2], stdout: { GOOS: 'linux' }, exitCode: 0 },
        'go.distList': 'linux/amd64',
        'xcode-select': null,
      }),
    tools: (s) => (s.tools = [5, null, 'gopls', { name: 7, path: [], version: {} }]),
    files: (s) => (s.files = { '/etc/os-release': 7, '/x': { exists: 'no', content: 5 }, '/y': null }),
    which: (s) => (s.which = { gcc: 5, cc: ['/usr/bin/cc'], clang: {} }),
    'workspace-files': (s) =>
      (s.workspace = { ...workspace, files: [{ path: 5, content: null }, null, 'Makefile', { path: 'go.mod', content: ['go 1.22'] }], skipped: [7, { path: null }] }),
    options: (s) => (s.options = { timeoutMs: 5000, toolNames: 'go', extraToolNames: [null, 5] }),
    'host-extra': (s) => (s.host = { platform: 'darwin', arch: 'arm64', release: '25.0.0', macos: 'fifteen', rosetta: 'yes', cpu: 5 }),
    'huge-numbers': (s) => (s.options = { timeoutMs: 1e308, toolNames: [] }),
    everything: (s) => {
      for (const [key, value] of Object.entries(s)) if (!['schema', 'version', 'host', 'options', 'createdAt', 'producer'].includes(key)) s[key] = Array.isArray(value) ? [null, 5, 'x'] : { a: null, b: 5 };
    },
  };
  const out: Record<string, string> = {};
  for (const [name, mutate] of Object.entries(mutations)) {
    const copy = structuredClone(base);
    mutate(copy);
    out[name] = JSON.stringify(copy);
  }
  return out;
}

/**
 * Categories that fail until another branch's fix is merged (issue 13; defect = the item,
 * owner = the branch fixing it). corpus.test.ts skips them; empty this list after the merge.
 */
export const PENDING_CATEGORIES: readonly { id: string; defect: string; owner: string }[] = [];
