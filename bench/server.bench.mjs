// Language server benchmark: re-analysis after a one-file change (target < 5 ms).
//
// Generates a workspace (go.mod, Go files with build tags and cgo, Makefiles, scripts, a
// Dockerfile, goreleaser, workflows, .vscode/settings.json), starts the real server in-process
// over JSON-RPC streams with the real probe (the go1.27 toolchain from $GO_DOCTOR_TOOLCHAINS first
// on PATH when present), the real scanner, model and rules, then edits one file repeatedly:
//  - in-process: WorkspaceSession.reanalyseText (replace the record, rebuild the model, run every
//    rule, anchor the findings) — the cost the 5 ms target is about — for two kinds of edit:
//    a Makefile line (the Go sources, and what is memoised on them, are untouched) and a .go
//    file whose imports alternate between a local package and none (the Go half of the model,
//    the package index and that package's import edges change every time);
//  - end to end: textDocument/didChange → publishDiagnostics received by the client (Makefile).
// Usage: node bench/server.bench.mjs [--go-files N]  (or via bench/run.mjs, which calls run()).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const TARGET_MS = 5;

export function generateWorkspace(goFiles) {
  const root = mkdtempSync(join(tmpdir(), 'go-doctor-server-bench-'));
  const write = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('go.mod', 'module example.com/bench\n\ngo 1.24.0\n');
  for (let i = 0; i < goFiles; i++) {
    const dir = `pkg/p${Math.floor(i / 20)}`;
    const kind = i % 10;
    const header =
      kind === 0 ? '//go:build linux && amd64\n\n' : kind === 1 ? '//go:build darwin\n\n' : kind === 2 ? '//go:build !windows\n\n' : '';
    const cgo = kind === 3 ? 'import "C"\n\n' : '';
    write(`${dir}/f${i}.go`, `${header}// Package p${i} is generated.\npackage p${Math.floor(i / 20)}\n\n${cgo}import (\n\t"fmt"\n\t"os"\n)\n\nfunc F${i}() { fmt.Fprintln(os.Stderr, ${i}) }\n`);
  }
  for (let i = 0; i < 20; i++) {
    write(`cmd/c${i}/Makefile`, `BIN := c${i}\n\nbuild:\n\tGOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -ldflags "-s -w -X main.v=$(VERSION)" -o bin/$(BIN) .\n\ntest:\n\tgo test ./...\n`);
  }
  write('Makefile', 'VERSION ?= dev\n\nbuild:\n\tGOOS=linux GOARCH=arm64 go build -o bin/app ./cmd/app\n\ncross:\n\tGOOS=darwin GOARCH=arm64 CGO_ENABLED=1 go build ./...\n');
  for (let i = 0; i < 5; i++) write(`scripts/build${i}.sh`, `#!/usr/bin/env bash\nset -euo pipefail\nexport GOOS=linux\nGOARCH=amd64 go build -o out/b${i} ./cmd/c${i}\n`);
  write('Dockerfile', 'FROM golang:1.24 AS build\nARG TARGETOS TARGETARCH\nENV CGO_ENABLED=0\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app ./cmd/app\n');
  write('.goreleaser.yaml', 'builds:\n  - id: app\n    main: ./cmd/app\n    env: [CGO_ENABLED=0]\n    goos: [linux, darwin, windows]\n    goarch: [amd64, arm64]\n');
  for (let i = 0; i < 3; i++) {
    write(`.github/workflows/ci${i}.yml`, `name: ci${i}\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        goos: [linux, darwin]\n        goarch: [amd64, arm64]\n    steps:\n      - uses: actions/checkout@v4\n      - run: GOOS=\${{ matrix.goos }} GOARCH=\${{ matrix.goarch }} go build ./...\n`);
  }
  write('.vscode/settings.json', '{\n\t// bench\n\t"go.toolsEnvVars": { "GOFLAGS": "-mod=mod" },\n\t"go.languageServerFlags": ["serve"],\n}\n');
  return root;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

async function measure({ goFiles, iterations, log }) {
  const src = (p) => pathToFileURL(join(import.meta.dirname, '..', 'src', p)).href;
  const { serveDoctor } = await tsImport(src('server/serve.ts'), import.meta.url);
  const { probeDependencies } = await tsImport(src('server/probe-dependencies.ts'), import.meta.url);
  const lsp = await tsImport('vscode-languageserver/node', import.meta.url);

  const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
  const goBin = join(toolchains, 'go1.27', 'bin');
  const env = { ...process.env };
  if (existsSync(join(goBin, 'go'))) env.PATH = `${goBin}${delimiter}${env.PATH ?? ''}`;
  else log(`  (no go1.27 at ${goBin}: probing whatever go is on PATH)`);

  const root = generateWorkspace(goFiles);
  const perRule = new Map();
  // Time each rule, so the report can separate the server's own work from the rules' cost.
  const deps = probeDependencies(env);
  const ruleTime = new Map();
  let timing = false;
  const timed = (rule) => ({
    ...rule,
    check(ctx) {
      if (!timing) return rule.check(ctx);
      const t0 = performance.now();
      try {
        return rule.check(ctx);
      } finally {
        ruleTime.set(rule.id, (ruleTime.get(rule.id) ?? 0) + performance.now() - t0);
      }
    },
  });
  deps.rules = deps.rules.map(timed);
  deps.staticRules = deps.staticRules.map(timed);
  const up = new PassThrough();
  const down = new PassThrough();
  const serverConnection = lsp.createConnection(new lsp.StreamMessageReader(up), new lsp.StreamMessageWriter(down));
  let analysed;
  // debounceMs 0: the end-to-end row measures the analysis, not the edit debounce (200 ms by default).
  const server = serveDoctor(serverConnection, deps, { onAnalysed: (s) => analysed?.(s), debounceMs: 0 });
  const client = lsp.createMessageConnection(new lsp.StreamMessageReader(down), new lsp.StreamMessageWriter(up));
  const makefileUri = pathToFileURL(join(root, 'Makefile')).href;
  // The server sends goDoctor/reportChanged right after publishing an analysis's diagnostics.
  let onReportChanged;
  client.onNotification('textDocument/publishDiagnostics', () => undefined);
  client.onNotification('window/logMessage', () => undefined);
  client.onNotification('goDoctor/reportChanged', () => onReportChanged?.());
  client.listen();
  try {
    const firstAnalysis = new Promise((resolve) => (analysed = resolve));
    const started = performance.now();
    await client.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }] });
    await client.sendNotification('initialized', {});
    const session = await firstAnalysis;
    const firstMs = performance.now() - started;
    const files = session.currentSnapshot.workspace.files.length;
    const findings = session.analysis.findings.length;
    analysed = undefined;

    // In-process hot path.
    const variants = ['VERSION ?= dev\n\nbuild:\n\tGOOS=visionos GOARCH=arm64 go build -o bin/app ./cmd/app\n', 'VERSION ?= dev\n\nbuild:\n\tGOOS=linux GOARCH=arm64 go build -o bin/app ./cmd/app\n'];
    const editLoop = (relPath, texts) => {
      const times = [];
      const serverOnly = [];
      for (let i = 0; i < iterations; i++) {
        ruleTime.clear();
        timing = true;
        const t0 = performance.now();
        session.reanalyseText(relPath, texts[i % 2]);
        const total = performance.now() - t0;
        timing = false;
        times.push(total);
        serverOnly.push(total - [...ruleTime.values()].reduce((a, b) => a + b, 0));
        for (const [id, ms] of ruleTime) perRule.set(id, (perRule.get(id) ?? 0) + ms / iterations);
      }
      times.sort((a, b) => a - b);
      serverOnly.sort((a, b) => a - b);
      return { median: percentile(times, 0.5), p95: percentile(times, 0.95), serverMedian: percentile(serverOnly, 0.5) };
    };
    const makefileEdit = editLoop('Makefile', variants);
    const slowest = [...perRule].sort((a, b) => b[1] - a[1]).slice(0, 3);
    perRule.clear();
    // pkg/p1/f25.go: a plain file of package p1; its imports gain and lose a local package.
    const goText = (local) => `// Package p1 is edited.\npackage p1\n\nimport (\n\t"fmt"\n${local ? '\t"example.com/bench/pkg/p2"\n' : ''})\n\nfunc Edited() { fmt.Println() }\n`;
    const goEdit = editLoop('pkg/p1/f25.go', [goText(true), goText(false)]);
    const slowestGo = [...perRule].sort((a, b) => b[1] - a[1]).slice(0, 3);

    // End to end over JSON-RPC: didChange → diagnostics published (then goDoctor/reportChanged).
    const opened = new Promise((resolve) => (onReportChanged = resolve));
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: makefileUri, languageId: 'makefile', version: 1, text: variants[1] } });
    await opened;
    const e2e = [];
    for (let i = 0; i < Math.min(iterations, 100); i++) {
      const published = new Promise((resolve) => (onReportChanged = resolve));
      const t0 = performance.now();
      await client.sendNotification('textDocument/didChange', { textDocument: { uri: makefileUri, version: i + 2 }, contentChanges: [{ text: variants[i % 2] }] });
      await published;
      e2e.push(performance.now() - t0);
    }
    e2e.sort((a, b) => a - b);
    await client.sendRequest('shutdown');
    void server;
    return { files, findings, firstMs, makefileEdit, goEdit, slowest, slowestGo, e2eMedian: percentile(e2e, 0.5) };
  } finally {
    client.dispose();
    serverConnection.dispose();
    up.end();
    down.end();
    rmSync(root, { recursive: true, force: true });
  }
}

export async function run({ log = console.log } = {}) {
  const rows = [];
  for (const goFiles of [400, 5000]) {
    const r = await measure({ goFiles, iterations: 200, log });
    log(`  server bench: ${r.files} workspace files, ${r.findings} findings, first analysis ${r.firstMs.toFixed(0)} ms`);
    log(`  slowest rules per Makefile re-analysis: ${r.slowest.map(([id, ms]) => `${id} ${ms.toFixed(2)} ms`).join(', ')}`);
    log(`  slowest rules per .go re-analysis: ${r.slowestGo.map(([id, ms]) => `${id} ${ms.toFixed(2)} ms`).join(', ')}`);
    const label = `${r.files} files`;
    for (const [what, edit, slowest] of [['Makefile', r.makefileEdit, r.slowest], ['.go imports', r.goEdit, r.slowestGo]]) {
      rows.push({ name: `server: one-file re-analysis (${what}), median (${label})`, value: round(edit.median), unit: 'ms', target: `< ${TARGET_MS} ms`, pass: edit.median < TARGET_MS });
      rows.push({ name: `server: one-file re-analysis (${what}), p95 (${label})`, value: round(edit.p95), unit: 'ms', target: 'info', pass: true });
      rows.push({ name: `server: one-file re-analysis (${what}) without rule time, median (${label})`, value: round(edit.serverMedian), unit: 'ms', target: 'info', pass: true });
      const [slowId, slowMs] = slowest[0] ?? ['-', 0];
      rows.push({ name: `server: slowest rule per re-analysis (${what}), ${slowId} (${label})`, value: round(slowMs), unit: 'ms', target: 'info', pass: true });
    }
    rows.push({ name: `server: didChange → publishDiagnostics without the edit debounce, median (${label})`, value: round(r.e2eMedian), unit: 'ms', target: 'info', pass: true });
    rows.push({ name: `server: first analysis incl. probe and scan (${label})`, value: Math.round(r.firstMs), unit: 'ms', target: 'info', pass: true });
  }
  return rows;
}

function round(ms) {
  return Math.round(ms * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run();
  for (const row of rows) console.log(`${row.pass ? 'ok  ' : 'FAIL'} ${row.name}: ${row.value} ${row.unit} (target ${row.target})`);
  process.exit(rows.every((r) => r.pass) ? 0 : 1);
}
