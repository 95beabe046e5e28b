#!/usr/bin/env node
// Prepares a desktop-VS Code run of the extension-host suites (.vscode-test.mjs, .vscode/launch.json):
// builds dist/ and out/exthost/, copies the fixture workspace to out/exthost/workspace (the tests
// edit it) and puts a PATH directory at out/exthost/path/bin with go → go1.24 and gopls from
// $GO_DOCTOR_TOOLCHAINS. Prints the environment the tests need.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSuites } from './run.mjs';

const root = path.resolve(import.meta.dirname, '../..');
export const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? path.join(os.homedir(), '.cache', 'go-doctor', 'toolchains');
export const workspace = path.join(root, 'out/exthost/workspace');
export const pathBin = path.join(root, 'out/exthost/path/bin');

export async function prepare() {
  await buildSuites();
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'test/exthost/testdata/workspace'), workspace, { recursive: true });
  fs.rmSync(pathBin, { recursive: true, force: true });
  fs.mkdirSync(pathBin, { recursive: true });
  fs.symlinkSync(path.join(toolchains, 'go1.24/bin/go'), path.join(pathBin, 'go'));
  fs.symlinkSync(path.join(toolchains, 'bin/gopls'), path.join(pathBin, 'gopls'));
  return { GO_DOCTOR_TOOLCHAINS: toolchains, GO_DOCTOR_TEST_PATH_DIR: pathBin, PATH: `${pathBin}${path.delimiter}${process.env.PATH}` };
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const env = await prepare();
  for (const [k, v] of Object.entries(env)) console.log(`${k}=${v}`);
}
