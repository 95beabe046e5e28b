/**
 * Quoting for the shell commands the doctor shows or puts in a terminal (command fixes, evidence).
 * One function for every command, so a directory or package path with a quote, `$()`, a backtick,
 * a newline or a `;` is always one literal word and never runs anything.
 *
 * The quoted form reads the same in POSIX shells (sh, dash, bash, zsh) and in fish, the usual
 * shells of a VS Code terminal: every character is inside single quotes except `'` and `\`, which
 * are written outside as `\'` and `\\` (fish gives `\` a meaning inside single quotes, POSIX shells
 * do not; outside quotes both read `\'` and `\\` as the character).
 */

/**
 * Characters that need no quoting in any of those shells (and are not a glob or `~`), except at the
 * start: `=` (zsh's `=cmd` expansion) and `%` (fish expands `%self` to its process id).
 */
const PLAIN = /^[A-Za-z0-9@%+=:,./_-]+$/;

/** One shell word holding exactly `value`. Empty → `''`. */
export function shellQuote(value: string): string {
  if (PLAIN.test(value) && !value.startsWith('=') && !value.startsWith('%')) return value;
  if (value === '') return "''";
  let out = '';
  let run = '';
  const flush = (): void => {
    if (run !== '') out += `'${run}'`;
    run = '';
  };
  for (const ch of value) {
    if (ch === "'" || ch === '\\') {
      flush();
      out += `\\${ch}`;
    } else run += ch;
  }
  flush();
  return out;
}

/** A command line from an argument array, each argument quoted only when it needs it. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
