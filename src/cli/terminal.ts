/** What the CLI writes to: stdout/stderr in production, string buffers in tests. */
export interface OutputStream {
  write(text: string): void;
  isTTY: boolean;
}

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb. */
export function shouldUseColour(stream: Pick<OutputStream, 'isTTY'>, env: NodeJS.ProcessEnv, noColourFlag = false): boolean {
  if (noColourFlag || !stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export interface Progress {
  update(message: string): void;
  done(): void;
}

/** Progress for long work: one rewritten line on stderr, and only when stderr is a terminal. */
export function stderrProgress(stderr: OutputStream): Progress {
  if (!stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update(message) {
      const line = message.length > 76 ? `${message.slice(0, 75)}…` : message;
      stderr.write(`\r\u001b[2K${line}`);
      shown = true;
    },
    done() {
      if (shown) stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}
