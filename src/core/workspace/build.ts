import type { WorkspaceRecord } from '../snapshot.js';
import { emptyWorkspace, type WorkspaceModel } from './model.js';

/**
 * Builds the WorkspaceModel from the recorded workspace files.
 * (Skeleton: the parsers land with the workspace diagnostics.)
 */
export function buildWorkspaceModel(record: WorkspaceRecord | undefined): WorkspaceModel {
  return emptyWorkspace(record?.root ?? '');
}
