/**
 * Plain-text descriptions of evidence and fixes, shared by the text and Markdown renderers.
 * Each returns a headline and detail lines; the renderer decides indentation and styling.
 */
import type { Evidence, Fix } from '../finding.js';
import { displayLocation, relativeToRoot } from './paths.js';

interface Described {
  headline: string;
  details: string[];
}

/** At most this many lines of a command's output or a file excerpt are shown. */
const EXCERPT_LINES = 8;

function excerptLines(text: string, max = EXCERPT_LINES): string[] {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return [];
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… (${lines.length - max} more lines)`];
}

export function describeEvidence(evidence: Evidence, root: string | null | undefined): Described {
  switch (evidence.kind) {
    case 'command': {
      const status =
        evidence.exitCode === undefined ? '' : evidence.exitCode === null ? ' (did not exit normally)' : ` (exit ${evidence.exitCode})`;
      return { headline: `$ ${evidence.command}${status}`, details: excerptLines(evidence.excerpt) };
    }
    case 'file': {
      // Evidence lines are 0-based, like every position in a Finding.
      const file = relativeToRoot(evidence.file, root) ?? evidence.file;
      return {
        headline: evidence.line === undefined ? file : `${file}:${evidence.line + 1}`,
        details: excerptLines(evidence.excerpt),
      };
    }
    case 'env':
      return { headline: evidence.value === undefined ? `${evidence.name} is not set` : `${evidence.name}=${evidence.value}`, details: [] };
    case 'note':
      return { headline: evidence.text.split('\n')[0] ?? '', details: excerptLines(evidence.text.split('\n').slice(1).join('\n')) };
  }
}

function settingValue(value: unknown): string {
  if (value === undefined) return '(removed)';
  return JSON.stringify(value) ?? typeof value;
}

export function describeFix(fix: Fix, root: string | null | undefined): Described {
  switch (fix.kind) {
    case 'edit': {
      const details = fix.edits.map((e) => {
        const where = displayLocation({ file: e.file, range: e.range }, root);
        return e.newText === '' ? `${where}: delete` : `${where}: write ${JSON.stringify(e.newText)}`;
      });
      if (fix.rename) details.push(`rename ${fix.rename.from} → ${fix.rename.to}`);
      return { headline: fix.title, details };
    }
    case 'setting': {
      const name = fix.key === undefined ? fix.section : `${fix.section} › ${fix.key}`;
      return { headline: fix.title, details: [`${fix.scope} setting ${name} = ${settingValue(fix.value)}`] };
    }
    case 'command':
      return { headline: fix.title, details: [`$ ${fix.command}${fix.needsAdmin ? '   (needs administrator rights)' : ''}`] };
    case 'text':
      return { headline: fix.title, details: excerptLines(fix.text, 20) };
  }
}
