/**
 * Everything the rules know about Go releases, ports, macOS and the C toolchain. Each table cites
 * go-macos-facts.md (or says plainly when a value is not verified there).
 */
export { compareGoVersions, goMinorOf, goVersionAtLeast, isValidGoVersion, toolchainForGoLine } from './go-version-order.js';
export {
  NEWEST_KNOWN_MINOR,
  isSupportedRelease,
  minMacOSFor,
  newestGoMinorFor,
  newestReleasedMinor,
  supportedMinors,
} from './go-releases.js';
export { compareMacOS, macOSLabel, macOSMajorForDarwin } from './macos-releases.js';
export { isKnownPort, knownPortMinors, portsFor } from './ports.js';
export { CGO_COMPILER_HEURISTIC_SINCE, defaultCCFor } from './c-compiler.js';
export { cltMajorAtMacOSRelease, oldestAcceptedCltMajor } from './clt-versions.js';
export { officialDefaultCc } from './runners.js';
