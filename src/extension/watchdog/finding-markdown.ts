/** The storm finding as a Markdown document (the notification's "Details"). */
import type { Finding } from '../../core/finding.js';

export function findingMarkdown(f: Finding): string {
  const lines = [`# Go Doctor: gopls file-event storm (${f.severity})`, '', f.message, '', '## Evidence', ''];
  for (const e of f.evidence) {
    if (e.kind === 'note') lines.push(`- ${e.text}`);
    else if (e.kind === 'command') lines.push(`- \`${e.command}\`: ${e.excerpt}`);
    else if (e.kind === 'file') lines.push(`- ${e.file}: ${e.excerpt}`);
    else lines.push(`- ${e.name}=${e.value ?? '(unset)'}`);
  }
  lines.push('', '## What to do', '');
  for (const fix of f.fixes) {
    lines.push(`### ${fix.title}`, '');
    if (fix.kind === 'setting') {
      const value = JSON.stringify(fix.key === undefined ? { [fix.section]: fix.value } : { [fix.section]: { [fix.key]: fix.value } }, null, 2);
      lines.push(`In ${fix.scope} settings:`, '', '```jsonc', value, '```', '');
    } else if (fix.kind === 'command') {
      lines.push(`Run in a terminal${fix.needsAdmin ? ' (needs administrator rights)' : ''}:`, '', '```sh', fix.command, '```', '');
    } else if (fix.kind === 'text') {
      lines.push(fix.text, '');
    } else {
      lines.push(`Edits ${fix.edits.length} file(s).`, '');
    }
  }
  return lines.join('\n');
}
