/**
 * Parses the snapshot's raw command outputs into MachineFacts. Every parser here is pure and never
 * throws; a command that failed, timed out or is missing becomes a `problems` entry ("could not
 * check …"), while a command skipped for safety (a shim before the CLT is known to exist) does not.
 */
import type { MachineFacts, ProbeProblem } from '../machine.js';
import type { Snapshot } from '../snapshot.js';
import { deriveBuildInfo, deriveGoFacts } from './derive-go.js';
import { deriveLinuxFacts } from './derive-linux.js';
import { deriveMacFacts } from './derive-mac.js';

export function deriveMachineFacts(snapshot: Snapshot): MachineFacts {
  const problems: ProbeProblem[] = [];
  const facts: MachineFacts = {
    platform: snapshot.host.platform,
    arch: snapshot.host.arch,
    env: snapshot.env,
    go: deriveGoFacts(snapshot, problems),
    buildInfo: deriveBuildInfo(snapshot, problems),
    problems,
  };
  if (snapshot.host.platform === 'darwin') facts.mac = deriveMacFacts(snapshot, problems);
  if (snapshot.host.platform === 'linux') facts.linux = deriveLinuxFacts(snapshot, problems);
  return facts;
}

export { parseVersionM } from './build-info.js';
export { parseClangVersion } from './clang-version.js';
export { commandEvidence } from './command-outcome.js';
export { commandLineProgram } from './command-line-program.js';
export { mergePorts, parseDistList } from './dist-list.js';
export { goIsMissing } from './derive-go.js';
export { developerDirFiles } from './derive-mac.js';
export { INOTIFY_FILES } from './derive-linux.js';
export { normalizeDir, pathToolsNamed } from './go-binary.js';
export { parseGoEnvJson } from './go-env.js';
export { goEnvFileSetting, gorootGoEnvPath, parseGoEnvFile, userGoEnvFilePath } from './go-env-file.js';
export { parseGoVersionLine, parseGoVersionString } from './go-version.js';
export { parsePkgInfo } from './pkgutil.js';
export { parseProcNumber } from './proc-number.js';
export { parseSwVers } from './sw-vers.js';
export { parseSysctlFlag } from './sysctl.js';
export { findInvalidDeveloperPath, parseXcodeSelect } from './xcode-select.js';
export { describeCgoFiles, firstCgoLocation, goEnvEvidence, goInstallDirs, gobinDir, pathEntryIsAbsolute, pathEvidence, workspaceFilePath } from './locations.js';
