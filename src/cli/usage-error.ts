/** The user asked for something the CLI cannot parse: exit 2 with the message and a usage hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the hint points to (`go-doctor <command> --help`). */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }

  get hint(): string {
    return this.command ? `Run 'go-doctor ${this.command} --help' for usage.` : `Run 'go-doctor --help' for usage.`;
  }
}

/** The arguments parsed but an input is unusable (no such folder, a file that is not a snapshot): exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
