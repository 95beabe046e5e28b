/**
 * Small hostile inputs whose naive expansion is exponential: variables doubled on every line,
 * recursive make variables fanning out, YAML merge keys nested over aliases, alias floods.
 * Shared by the reproduction tests and the property tests.
 */

export interface Chain {
  /** Characters of the innermost value. */
  base: string;
  /** Levels of references above the base. */
  depth: number;
  /** References to the previous level on each line. */
  width: number;
  /** Text between the references on a line. */
  sep: string;
}

/** The value the last level of a chain stands for (only for small chains). */
export function chainValue(c: Chain): string {
  let v = c.base;
  for (let i = 0; i < c.depth; i++) v = new Array<string>(c.width).fill(v).join(c.sep);
  return v;
}

/** The length of the last level's value, without building it. */
export function chainLength(c: Chain): number {
  let n = c.base.length;
  for (let i = 0; i < c.depth && n < 1e12; i++) n = c.width * n + (c.width - 1) * c.sep.length;
  return n;
}

const refs = (ref: string, c: Chain) => new Array<string>(c.width).fill(ref).join(c.sep);

/**
 * A Makefile chain: `same` reassigns one variable (`A := $(A)$(A)`), otherwise each level is a
 * new variable; `op` `:=` expands at once, `=` on use. `GOOS` takes the last level.
 */
export function makefileChain(c: Chain, op: ':=' | '=', same: boolean): string {
  const name = (i: number) => (same ? 'A' : `V${i}`);
  const lines = [`${name(0)} ${op} ${c.base}`];
  for (let i = 1; i <= c.depth; i++) lines.push(`${name(i)} ${op} ${refs(`$(${name(i - 1)})`, c)}`);
  lines.push(`GOOS ${op} $(${name(c.depth)})`, 'build:', `\tGOARCH=$(${name(c.depth)}) go build ./...`);
  return lines.join('\n') + '\n';
}

/** A shell script chain (`A="$A $A"` when `same`), then `GOOS` set from the last level. */
export function shellChain(c: Chain, same: boolean): string {
  const name = (i: number) => (same ? 'A' : `V${i}`);
  const lines = [`${name(0)}="${c.base}"`];
  for (let i = 1; i <= c.depth; i++) lines.push(`${name(i)}="${refs(`$${name(i - 1)}`, c)}"`);
  lines.push(`GOOS="$${name(c.depth)}"`, `GOARCH="$${name(c.depth)}" go build ./...`);
  return lines.join('\n') + '\n';
}

/** A Dockerfile chain of `ENV` lines (`ENV A=${A}${A}` when `same`). */
export function dockerfileChain(c: Chain, same: boolean): string {
  const name = (i: number) => (same ? 'A' : `V${i}`);
  const lines = ['FROM golang:1.24', `ENV ${name(0)}="${c.base}"`];
  for (let i = 1; i <= c.depth; i++) lines.push(`ENV ${name(i)}="${refs(`\${${name(i - 1)}}`, c)}"`);
  lines.push(`ENV GOOS="\${${name(c.depth)}}"`, 'RUN go build ./...');
  return lines.join('\n') + '\n';
}

/** A workflow whose env entries substitute the previous one: `V2: ${{ env.V1 }}${{ env.V1 }}`. */
export function workflowEnvChain(c: Chain): string {
  const lines = ['env:', `  V0: "${c.base}"`];
  for (let i = 1; i <= c.depth; i++) lines.push(`  V${i}: "${refs(`\${{ env.V${i - 1} }}`, c)}"`);
  lines.push(`  GOOS: "\${{ env.V${c.depth} }}"`, 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: go build ./...');
  return lines.join('\n') + '\n';
}

/**
 * The YAML merge-key bomb: level i is a map merging `width` aliases of level i-1, so a naive
 * lookup explores width^levels paths. `kind` decides where the top level is used.
 */
export function yamlMergeBomb(levels: number, width: number, kind: 'goreleaser' | 'workflow', keys = ['x: 1', 'GOOS: linux']): string {
  const lines = [`a0: &a0 {${keys.join(', ')}}`];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i}`, `  <<: [${new Array<string>(width).fill(`*a${i - 1}`).join(', ')}]`);
  if (kind === 'goreleaser') lines.push('builds:', `  - <<: *a${levels}`, '    goos: [linux]');
  else lines.push('env:', `  <<: *a${levels}`, 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    env:', `      <<: *a${levels}`, '    steps:', '      - run: go build ./...');
  return lines.join('\n') + '\n';
}

/** `count` builds that all alias one env list (each alias is one more build to read). */
export function yamlAliasFlood(count: number): string {
  return 'env: &e\n  - CGO_ENABLED=0\nbuilds:\n' + '  - env: *e\n'.repeat(count);
}

/** One build whose goos list is `count` aliases of one value. */
export function yamlAliasList(count: number): string {
  return `o: &o linux\nbuilds:\n  - goos: [${new Array<string>(count).fill('*o').join(', ')}]\n`;
}

/** `count` lines appending to one variable (`A += …`): each copies the value so far. */
export function makefileAppends(count: number, recursive: boolean): string {
  const line = recursive ? 'A += $(A)x\n' : 'A += yyyyyyyyyy\n';
  return `A ${recursive ? '=' : ':='} x\n${line.repeat(count)}GOOS ${recursive ? '=' : ':='} $(A)\nbuild:\n\tgo build ./...\n`;
}
