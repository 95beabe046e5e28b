import type { Rule } from '../rule.js';
import { buildRules } from './build/index.js';
import { cgoRules } from './cgo/index.js';
import { cgoWorkspaceRules } from './cgo/workspace.js';
import { cltRules } from './clt/index.js';
import { crossRules } from './cross/index.js';
import { doctorRules } from './doctor/index.js';
import { goRules } from './go/index.js';
import { pathRules } from './path/index.js';
import { settingsRules } from './settings/index.js';
import { toolsRules } from './tools/index.js';
import { watchRules } from './watch/index.js';

/** Every rule the doctor ships, in report order. */
export const allRules: readonly Rule[] = [
  ...doctorRules,
  ...goRules,
  ...pathRules,
  ...cltRules,
  ...cgoRules,
  ...cgoWorkspaceRules,
  ...toolsRules,
  ...watchRules,
  ...crossRules,
  ...buildRules,
  ...settingsRules,
];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
