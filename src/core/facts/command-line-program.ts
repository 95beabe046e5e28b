/**
 * The program a command-line variable such as `CC` or `go env CC` runs: its first field, where a
 * field may be wrapped whole in `'…'` or `"…"` (cmd/go splits CC with cmd/internal/quoted.Split:
 * `ccache gcc -m64` runs `ccache`, `"/opt/my cc/bin/cc" -x` runs `/opt/my cc/bin/cc`). The probe
 * looks this name up on PATH (`snapshot.which`) and the cgo rules read it back, so both use this.
 */
export function commandLineProgram(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1);
    const program = end === -1 ? text.slice(1) : text.slice(1, end);
    return program === '' ? undefined : program;
  }
  const program = text.split(/\s+/)[0];
  return program === undefined || program === '' ? undefined : program;
}
