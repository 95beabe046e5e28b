export { applyOffsetEdits, applyRangeEdits, toOffsetEdit, toRangeEdit, type OffsetEdit, type RangeEdit } from './apply-text-edits.js';
export { editFixChanges, resolveFixPath, settingJsonPath, settingsFileChange, workspaceSettingsFile, type EditFix, type EditFixChanges, type FileEdits, type SettingFix, type SettingsFileChange } from './fix-changes.js';
export { detectJsoncStyle, jsoncComments, setJsoncValue, type JsoncEditResult, type JsoncStyle } from './jsonc-value-edit.js';
