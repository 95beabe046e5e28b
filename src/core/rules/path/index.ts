import type { Rule } from '../../rule.js';
import { pathEditorRunsOtherTool } from './editor-runs-other-tool.js';
import { pathGobinNotOnPath } from './gobin-not-on-path.js';
import { pathIntelHomebrew } from './intel-homebrew.js';
import { pathMissingDir } from './missing-dir.js';
import { pathMultipleGo } from './multiple-go.js';
import { pathShadowedTool } from './shadowed-tool.js';
import { pathUnsafeEntry } from './unsafe-entry.js';

/** Rules of the `path/` family. */
export const pathRules: Rule[] = [pathShadowedTool, pathMultipleGo, pathGobinNotOnPath, pathUnsafeEntry, pathMissingDir, pathIntelHomebrew, pathEditorRunsOtherTool];
