import type { Rule } from '../../rule.js';
import { gorootAndToolchain } from './goroot-and-toolchain.js';
import { rpcTrace } from './rpc-trace.js';
import { toolsEnvGoos } from './tools-env-goos.js';

/** Rules of the `settings/` family. */
export const settingsRules: Rule[] = [toolsEnvGoos, rpcTrace, gorootAndToolchain];
