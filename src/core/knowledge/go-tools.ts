/**
 * The Go tools the doctor looks for in every PATH directory (plus the user's `goDoctor.extraTools`),
 * and whose binaries the extension watches: the toolchain itself and the tools the Go extension
 * installs or runs (gopls, dlv, staticcheck, golangci-lint, gofumpt, goimports, gotests,
 * gomodifytags, impl, govulncheck).
 */
export const GO_TOOL_NAMES: readonly string[] = [
  'go', 'gofmt', 'gopls', 'dlv', 'staticcheck', 'golangci-lint', 'gofumpt', 'goimports', 'gotests',
  'gomodifytags', 'impl', 'govulncheck',
];
