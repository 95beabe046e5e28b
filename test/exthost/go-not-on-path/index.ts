// Entry for the go-not-on-path suite (loaded by the extension host as --extensionTestsPath).
import { runMochaFiles } from '../support/mocha-run.js';

export function run(): Promise<void> {
  return runMochaFiles(__dirname);
}
