/**
 * How much the Command Line Tools matter to this workspace (facts §1.4): since Go 1.20 pure-Go code
 * builds on macOS without a C compiler (net, os/user and the race detector no longer use cgo), so a
 * CLT problem is an error only when the workspace has cgo code.
 */
import { describeCgoFiles, firstCgoLocation } from '../../facts/index.js';
import type { Location, Severity } from '../../finding.js';
import type { WorkspaceModel } from '../../workspace/model.js';

interface CgoNeed {
  needsCgo: boolean;
  severity: Severity;
  location?: Location;
  /** ' This workspace has cgo code (main.go …), and …' or the pure-Go sentence. */
  consequence: string;
}

export function cgoNeed(workspace: WorkspaceModel, withCgo: Severity, without: Severity, withCgoText: string, withoutText: string): CgoNeed {
  if (workspace.cgoFiles.length === 0) return { needsCgo: false, severity: without, consequence: withoutText };
  const need: CgoNeed = { needsCgo: true, severity: withCgo, consequence: `This workspace has cgo code (import "C" in ${describeCgoFiles(workspace)}): ${withCgoText}` };
  const location = firstCgoLocation(workspace);
  if (location) need.location = location;
  return need;
}
