#!/usr/bin/env node
// The real-world corpus: runs `go-doctor check` on real open-source Go repositories, each pinned at
// a commit in tools/corpus/repos.json, and prints the workspace findings per repository by severity.
// Not part of `npm test` (CI has no access to GitHub): `npm run corpus [-- options]`.
//
//   --cli PATH      the go-doctor bundle to run (default: this checkout's dist/cli.js, rebuilt if stale)
//   --go 1.27       the Go put first on PATH (from GO_DOCTOR_TOOLCHAINS; default 1.27; "none": no Go)
//   --only a,b      only repositories whose owner/name contains one of these words
//   --out FILE      also write the findings as JSON
//   --infos         print info findings too (errors and warnings always are)
//   --jobs N        repositories checked at once (default 2)
//
// Repositories come from git mirrors: <mirror>/<owner>+<name>/repo (a bare git directory holding the
// pinned commit), mirror = $GO_DOCTOR_CORPUS_MIRROR or /work/.mirror. Each is unpacked once into
// <work>/<owner>+<name>@<commit12> (work = $GO_DOCTOR_CORPUS_WORK or ~/.cache/go-doctor/corpus).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');
const { values: opts } = parseArgs({
  options: {
    cli: { type: 'string' },
    go: { type: 'string', default: '1.27' },
    only: { type: 'string' },
    out: { type: 'string' },
    infos: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '2' },
  },
});

const mirror = process.env.GO_DOCTOR_CORPUS_MIRROR ?? '/work/.mirror';
const work = process.env.GO_DOCTOR_CORPUS_WORK ?? join(homedir(), '.cache', 'go-doctor', 'corpus');
const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const repos = JSON.parse(readFileSync(join(import.meta.dirname, 'repos.json'), 'utf8'));
const only = opts.only?.split(',').filter(Boolean);
const wanted = only ? repos.filter((r) => only.some((w) => r.repo.toLowerCase().includes(w.toLowerCase()))) : repos;

let cli = opts.cli ? resolve(opts.cli) : join(root, 'dist', 'cli.js');
if (!opts.cli && spawnSync(process.execPath, [join(root, 'esbuild.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
if (!existsSync(cli)) {
  console.error(`no go-doctor bundle at ${cli}`);
  process.exit(2);
}

const pathDirs = (process.env.PATH ?? '').split(':').filter((d) => d && !/\/go[0-9.]*\/bin$/.test(d));
if (opts.go !== 'none') {
  const bin = join(toolchains, `go${opts.go}`, 'bin');
  if (!existsSync(join(bin, 'go'))) {
    console.error(`no Go ${opts.go} in ${toolchains} (install: bash tools/go-toolchains.sh ${toolchains} ${opts.go})`);
    process.exit(2);
  }
  pathDirs.unshift(bin);
}
// A HOME of its own: no user cache, no go env file, no result store shared with the user.
const home = mkdtempSync(join(tmpdir(), 'go-doctor-corpus-home-'));

/** Unpacks the pinned commit once; returns the folder or why it could not. */
function checkout(entry) {
  const name = entry.repo.replace('/', '+');
  const dir = join(work, `${name}@${entry.commit.slice(0, 12)}`);
  if (existsSync(dir)) return { dir };
  const gitDir = join(mirror, name, 'repo');
  if (!existsSync(gitDir)) return { missing: `no mirror at ${gitDir} (fetch ${entry.repo} at ${entry.commit} there)` };
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // Mirrors may lack their largest blobs: write every file the mirror has, skip the others.
  const tree = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--full-tree', entry.commit], { maxBuffer: 1 << 30 });
  if (tree.status !== 0) return { missing: `commit ${entry.commit} not in ${gitDir}: ${String(tree.stderr).trim()}` };
  const files = String(tree.stdout)
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, path };
    })
    .filter((f) => f.type === 'blob');
  const blobs = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: files.map((f) => f.sha).join('\n') + '\n', maxBuffer: 8 << 30 });
  const data = blobs.stdout;
  let at = 0;
  let skipped = 0;
  for (const f of files) {
    const nl = data.indexOf(10, at);
    const header = data.subarray(at, nl).toString('latin1');
    at = nl + 1;
    if (header.endsWith(' missing')) {
      skipped++;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const content = data.subarray(at, at + size);
    at += size + 1;
    const target = join(tmp, f.path);
    mkdirSync(dirname(target), { recursive: true });
    if (f.mode === '120000') symlinkSync(content.toString('utf8'), target);
    else writeFileSync(target, content, { mode: f.mode === '100755' ? 0o755 : 0o644 });
  }
  if (skipped) writeFileSync(join(tmp, '.corpus-skipped-blobs'), `${skipped} files absent from the mirror\n`);
  renameSync(tmp, dir);
  return { dir };
}

function runCheck(dir) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [cli, 'check', dir, '--json', '--no-cache'], {
      env: { PATH: pathDirs.join(':'), HOME: home, LANG: 'C.UTF-8', GOTOOLCHAIN: 'local', XDG_CACHE_HOME: join(home, '.cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const started = Date.now();
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, ms: Date.now() - started, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

const rank = { error: 0, warning: 1, info: 2 };
async function checkRepo(entry) {
  const co = checkout(entry);
  if (co.missing) return { repo: entry.repo, commit: entry.commit, missing: co.missing };
  const r = await runCheck(co.dir);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    return { repo: entry.repo, commit: entry.commit, failed: `exit ${r.code ?? r.signal} after ${r.ms} ms: ${r.stderr.trim().slice(0, 400)}` };
  }
  const inside = (f) => f.location?.file && !relative(co.dir, f.location.file).startsWith('..');
  const findings = report.findings
    .filter(inside)
    .map((f) => ({ rule: f.rule, severity: f.severity, file: relative(co.dir, f.location.file), line: f.location.range.start.line + 1, message: f.message }))
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.file.localeCompare(b.file) || a.line - b.line);
  const notChecked = report.snapshot?.notChecked ?? report.notChecked;
  return { repo: entry.repo, commit: entry.commit, ms: r.ms, exit: r.code, findings, ...(notChecked ? { notChecked } : {}) };
}

const results = new Array(wanted.length);
let next = 0;
const jobs = Math.max(1, Number(opts.jobs) || 2);
await Promise.all(
  Array.from({ length: Math.min(jobs, wanted.length) }, async () => {
    while (next < wanted.length) {
      const i = next++;
      results[i] = await checkRepo(wanted[i]);
      process.stderr.write(`checked ${results[i].repo}\n`);
    }
  }),
);
rmSync(home, { recursive: true, force: true });

const totals = { error: 0, warning: 0, info: 0 };
let problems = 0;
for (const r of results) {
  if (r.missing || r.failed) {
    problems++;
    console.log(`\n${r.repo}@${r.commit.slice(0, 12)}  ${r.missing ? 'MISSING' : 'FAILED'}: ${r.missing ?? r.failed}`);
    continue;
  }
  const count = (s) => r.findings.filter((f) => f.severity === s).length;
  for (const s of Object.keys(totals)) totals[s] += count(s);
  console.log(`\n${r.repo}@${r.commit.slice(0, 12)}  ${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos  (${r.ms} ms)`);
  for (const f of r.findings) {
    if (f.severity === 'info' && !opts.infos) continue;
    const msg = f.message.replace(/\s+/g, ' ');
    console.log(`  ${f.severity.padEnd(7)} ${f.rule}  ${f.file}:${f.line}  ${msg.length > 300 ? `${msg.slice(0, 300)}…` : msg}`);
  }
}
console.log(`\n${results.length - problems} repositories checked${problems ? `, ${problems} missing or failed` : ''}: ${totals.error} errors, ${totals.warning} warnings, ${totals.info} infos in workspace files (Go ${opts.go}).`);
if (opts.out) writeFileSync(opts.out, `${JSON.stringify({ go: opts.go, cli, results }, null, 1)}\n`);
process.exitCode = problems ? 1 : 0;
