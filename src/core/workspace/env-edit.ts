/**
 * Turns a configuration's EnvInsertion point into a text edit that adds `NAME=value` settings,
 * written the way that file needs them (a shell prefix, a `$$` in a Makefile recipe, a YAML list
 * item or map entry).
 */
import type { TextEdit } from '../finding.js';
import type { EnvInsertion, SettingValue } from './build-config.js';

/** How a file writes "the output of `go env GOROOT`", or undefined when it cannot (YAML env). */
export function gorootExpression(ins: EnvInsertion | undefined): string | undefined {
  if (!ins || ins.style !== 'shell-prefix') return undefined;
  return ins.make ? '$$(go env GOROOT)' : '$(go env GOROOT)';
}

function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(value) && !/^(true|false|yes|no|on|off|null|~|\d+)$/i.test(value) ? value : JSON.stringify(value);
}

export function envInsertionEdit(ins: EnvInsertion, pairs: readonly (readonly [string, string])[]): TextEdit {
  let text: string;
  switch (ins.style) {
    case 'shell-prefix':
      text = pairs.map(([n, v]) => `${n}=${v} `).join('');
      break;
    case 'yaml-list-item':
      text = pairs.map(([n, v]) => `\n${ins.indent}- ${n}=${v}`).join('');
      break;
    case 'yaml-new-env-list':
      text = `\n${ins.indent}env:` + pairs.map(([n, v]) => `\n${ins.indent}  - ${n}=${v}`).join('');
      break;
    case 'yaml-map-entry':
      text = pairs.map(([n, v]) => `\n${ins.indent}${n}: ${yamlScalar(v)}`).join('');
      break;
    case 'yaml-new-env-map':
      text = `\n${ins.indent}env:` + pairs.map(([n, v]) => `\n${ins.indent}  ${n}: ${yamlScalar(v)}`).join('');
      break;
  }
  return { file: ins.file, range: { start: ins.at, end: ins.at }, newText: text };
}

/** The setting's range covers exactly its value (so replacing it is a safe edit). */
function hasExactValueRange(s: SettingValue): boolean {
  return s.value !== undefined && s.range.start.line === s.range.end.line && s.range.end.character - s.range.start.character === s.value.length;
}

export function replaceValueEdit(s: SettingValue, newValue: string): TextEdit | undefined {
  return hasExactValueRange(s) ? { file: s.file, range: s.range, newText: newValue } : undefined;
}
