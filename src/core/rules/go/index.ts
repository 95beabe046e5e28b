import type { Rule } from '../../rule.js';
import { goGorootMismatch } from './goroot-mismatch.js';
import { goGotoolchainSetting } from './gotoolchain-setting.js';
import { goHostOsTooOld } from './host-os-too-old.js';
import { goModuleNeedsNewer } from './module-needs-newer.js';
import { goInstalledNotOnPath } from './installed-not-on-path.js';
import { goNotFound } from './not-found.js';
import { goRosetta } from './rosetta.js';
import { goUnsupportedRelease } from './unsupported-release.js';

/** Rules of the `go/` family. */
export const goRules: Rule[] = [goNotFound, goInstalledNotOnPath, goUnsupportedRelease, goHostOsTooOld, goRosetta, goModuleNeedsNewer, goGotoolchainSetting, goGorootMismatch];
