/** A command's JSON output (`go env -json`, `go tool dist list -json`), or undefined when it is not JSON. */
export function parseJsonOutput(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
