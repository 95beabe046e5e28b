// Entry for the Restricted Mode suite (Workspace Trust on, folder untrusted).
import { runMochaFiles } from '../support/mocha-run.js';

export function run(): Promise<void> {
  return runMochaFiles(__dirname);
}
