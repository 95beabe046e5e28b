// Entry for the trusted-workspace suite (loaded by the extension host as --extensionTestsPath).
import { runMochaFiles } from '../support/mocha-run.js';

export function run(): Promise<void> {
  return runMochaFiles(__dirname);
}
