/**
 * The files the server asks the client to watch: every kind of file the workspace model reads
 * (issue 3, "What it reads"). Extension-less shell scripts cannot be matched by a glob; they are
 * re-read when opened in an editor and on every full re-check.
 */
export const WATCHED_FILE_GLOBS: readonly string[] = [
  '**/go.mod',
  '**/go.work',
  '**/*.go',
  '**/{Makefile,makefile,GNUmakefile,*.mk}',
  '**/*.{sh,bash,zsh}',
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}',
  '**/.goreleaser.{yml,yaml}',
  '**/.github/workflows/*.{yml,yaml}',
  '**/.vscode/{settings,launch,tasks}.json',
];
