/**
 * Runs one workspace parser on stdin in its own process and prints a summary as JSON, so a test
 * can feed it input that once crashed Node (a fatal out-of-memory error cannot be caught) with
 * a small heap and a time limit. Usage: node --import tsx parse-in-child.ts <kind> < file
 */
import { readFileSync } from 'node:fs';
import { parseDockerfile } from '../../../src/core/parse/dockerfile.js';
import { parseGithubWorkflow } from '../../../src/core/parse/github-workflow.js';
import { parseGoreleaser } from '../../../src/core/parse/goreleaser.js';
import { parseMakefile } from '../../../src/core/parse/makefile.js';
import { parseShellFile } from '../../../src/core/parse/shell-file.js';
import type { SourceFacts } from '../../../src/core/parse/source-facts.js';

const parsers: Record<string, (text: string) => SourceFacts> = {
  make: (t) => parseMakefile('/w/Makefile', 'Makefile', t),
  shell: (t) => parseShellFile('/w/build.sh', 'build.sh', t),
  docker: (t) => parseDockerfile('/w/Dockerfile', 'Dockerfile', t),
  goreleaser: (t) => parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', t),
  workflow: (t) => parseGithubWorkflow('/w/.github/workflows/ci.yml', '.github/workflows/ci.yml', t),
};

const parse = parsers[process.argv[2] ?? ''];
if (!parse) throw new Error(`unknown parser ${process.argv[2]}`);
const facts = parse(readFileSync(0, 'utf8'));
const summary = {
  notes: facts.notes.map((n) => n.reason),
  settings: facts.settings.map((s) => ({ name: s.name, value: s.value ?? null, length: s.value?.length ?? 0 })),
  configs: facts.configs.length,
  configEnv: facts.configs.slice(0, 3).map((c) => Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, v.value ?? null]))),
};
process.stdout.write(JSON.stringify(summary));
