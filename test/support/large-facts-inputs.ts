/**
 * 1 MB adversarial inputs for the machine-facts parsers, and one call of every parser on an input:
 * the unit test checks none throws, `npm run bench` (bench/parsers.bench.mjs) times them.
 */
import { parseDistList, parseGoEnvJson, parseGoVersionLine, parseGoVersionString, parsePkgInfo, parseProcNumber, parseSwVers, parseVersionM, parseXcodeSelect, parseClangVersion } from '../../src/core/facts/index.js';
import { compareGoVersions } from '../../src/core/knowledge/index.js';

const big = (unit: string): string => unit.repeat(Math.ceil(1_000_000 / unit.length));

export const LARGE_FACTS_INPUTS: readonly string[] = [
  big(' '),
  big('go1.'),
  big('\t'),
  `ProductVersion:${big(' ')}x`,
  `package-id:${big(' ')}x`,
  `Apple clang version 1${big('.1')}`,
  `Target:${big(' ')}x`,
  big('a: go1.2\n\tbuild\t"'),
  big('invalid active developer path ('),
  big('clang version '),
  `[${big('{"GOOS":"a","GOARCH":"b"},')}{}]`,
];

/** Every machine-facts parser on `input` (results dropped). */
export function runEveryFactsParser(input: string): void {
  parseGoVersionLine(input);
  parseGoVersionString(input);
  parseGoEnvJson(input);
  parseDistList(input);
  parseVersionM(input);
  parseSwVers(input);
  parsePkgInfo(input, input);
  parseXcodeSelect(input, input, 0);
  parseClangVersion(input);
  parseProcNumber(input);
  compareGoVersions(input, input);
}
