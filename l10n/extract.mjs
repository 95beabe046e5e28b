#!/usr/bin/env node
// Regenerates l10n/bundle.l10n.json (the English source strings translators start from) from every
// vscode.l10n.t('…') call in src/extension and every t('…') of the pure renderers it feeds.
// `node l10n/extract.mjs --check` exits 1 when the bundle is out of date (run by the exthost tier).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bundleFile = path.join(root, 'l10n/bundle.l10n.json');

export function extractStrings(source) {
  const out = [];
  for (const m of source.matchAll(/\b(?:l10n\.)?t\(\s*'((?:[^'\\\n]|\\.)*)'/g)) out.push(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
  return out;
}

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function currentBundle() {
  const strings = new Set(files(path.join(root, 'src/extension')).flatMap((f) => extractStrings(fs.readFileSync(f, 'utf8'))));
  return Object.fromEntries([...strings].sort().map((s) => [s, s]));
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const next = `${JSON.stringify(currentBundle(), null, 2)}\n`;
  const prev = fs.existsSync(bundleFile) ? fs.readFileSync(bundleFile, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (prev !== next) {
      console.error('l10n/bundle.l10n.json is out of date: run node l10n/extract.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(bundleFile, next);
    console.log(`l10n/bundle.l10n.json: ${Object.keys(JSON.parse(next)).length} strings`);
  }
}
