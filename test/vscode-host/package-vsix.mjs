// Packages the extension as a .vsix the way `npm run package` does (production bundles, then
// `vsce package --no-dependencies`). vsce refuses a .vscodeignore next to a package.json "files"
// list (kept for the npm package of the CLI); in that case the files .vscodeignore selects are
// staged in a temp folder with a package.json without "files", so the .vsix content is the same.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const vsce = path.join(root, 'node_modules/.bin/vsce');

export function packageVsix(dest, { build = true } = {}) {
  if (build) {
    const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('production build failed');
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  let cwd = root;
  let stage;
  if (Array.isArray(manifest.files) && manifest.files.length) {
    stage = fs.mkdtempSync(path.join(os.tmpdir(), 'go-doctor-vsix-'));
    delete manifest.files;
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
    const keep = fs
      .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!') && l !== '!package.json')
      .map((l) => l.slice(1));
    for (const pattern of keep) {
      const dir = path.dirname(pattern);
      const base = path.basename(pattern);
      const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      const from = path.join(root, dir);
      if (!fs.existsSync(from)) continue;
      for (const name of fs.readdirSync(from).filter((n) => re.test(n))) {
        fs.mkdirSync(path.join(stage, dir), { recursive: true });
        fs.cpSync(path.join(from, name), path.join(stage, dir, name));
      }
    }
    fs.copyFileSync(path.join(root, '.vscodeignore'), path.join(stage, '.vscodeignore'));
    cwd = stage;
  }
  try {
    const r = spawnSync(vsce, ['package', '--no-dependencies', '-o', path.resolve(dest)], { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}\n${r.stderr}`);
    return { file: path.resolve(dest), bytes: fs.statSync(dest).size, log: r.stdout + r.stderr };
  } finally {
    if (stage) fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const dest = process.argv[2] ?? path.join(root, 'dist-vsix/go-toolchain-doctor.vsix');
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const r = packageVsix(dest);
  console.log(`${path.relative(process.cwd(), r.file)}: ${(r.bytes / 1024).toFixed(1)} KiB`);
}
