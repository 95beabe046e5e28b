/** macOS facts: sw_vers, sysctl, and the Command Line Tools (xcode-select, files, pkgutil, clang). */
import { macOSMajorForDarwin } from '../knowledge/macos-releases.js';
import type { CltFacts, MacFacts, ProbeProblem } from '../machine.js';
import type { Snapshot } from '../snapshot.js';
import { parseClangVersion } from './clang-version.js';
import { commandOutcome, commandProblem } from './command-outcome.js';
import { parsePkgInfo, versionMajor } from './pkgutil.js';
import { parseSwVers } from './sw-vers.js';
import { parseSysctlFlag } from './sysctl.js';
import { findInvalidDeveloperPath, parseXcodeSelect } from './xcode-select.js';

/** The developer-directory files the probe checks (facts §4, safe probe order step 2). */
export function developerDirFiles(dir: string): { dir: string; clang: string; xcrun: string } {
  return { dir, clang: `${dir}/usr/bin/clang`, xcrun: `${dir}/usr/bin/xcrun` };
}

function deriveClt(snapshot: Snapshot, problems: ProbeProblem[]): CltFacts {
  const clt: CltFacts = {};
  const xs = commandOutcome(snapshot, 'xcodeSelect');
  if (xs.kind === 'exited') {
    const r = parseXcodeSelect(xs.record.stdout, xs.record.stderr, xs.record.exitCode);
    if (r.kind === 'path') {
      clt.developerDir = r.dir;
      clt.isXcode = /\.app\/Contents\/Developer$/.test(r.dir);
      const f = developerDirFiles(r.dir);
      const dirFact = snapshot.files[f.dir];
      const xcrun = snapshot.files[f.xcrun];
      const clang = snapshot.files[f.clang];
      if (dirFact?.exists === false) {
        clt.developerDirValid = false;
        clt.state = 'broken';
        clt.stateDetail = `${r.dir} does not exist`;
      } else if (xcrun?.exists === false) {
        clt.developerDirValid = false;
        clt.state = 'broken';
        clt.stateDetail = `missing xcrun at: ${f.xcrun}`;
      } else if (xcrun?.exists === true || clang?.exists === true) {
        clt.developerDirValid = true;
        clt.state = 'ok';
      }
    } else if (r.kind === 'unset') {
      clt.state = 'missing';
      clt.stateDetail = r.message;
    } else if (r.kind === 'invalid') {
      clt.developerDir = r.dir;
      clt.developerDirValid = false;
      clt.state = 'broken';
      clt.stateDetail = r.message;
    } else {
      problems.push(commandProblem(xs, 'xcodeSelect', 'the active developer directory (Xcode Command Line Tools)'));
    }
  } else if (xs.kind !== 'skipped') {
    problems.push(commandProblem(xs, 'xcodeSelect', 'the active developer directory (Xcode Command Line Tools)', ['/usr/bin/xcode-select', '-p']));
  }

  const pkg = commandOutcome(snapshot, 'pkgutil.clt');
  if (pkg.kind === 'exited') {
    const info = parsePkgInfo(pkg.record.stdout, pkg.record.stderr);
    if (info?.present) {
      clt.receipt = true;
      clt.version = info.version;
      const major = versionMajor(info.version);
      if (major !== undefined) clt.major = major;
      if (info.installTime) clt.installTime = info.installTime;
    } else if (info) clt.receipt = false;
    else problems.push(commandProblem(pkg, 'pkgutil.clt', 'the Command Line Tools package receipt'));
  } else if (pkg.kind !== 'skipped') {
    problems.push(commandProblem(pkg, 'pkgutil.clt', 'the Command Line Tools package receipt', ['/usr/sbin/pkgutil', '--pkg-info=com.apple.pkg.CLTools_Executables']));
  }

  const cl = commandOutcome(snapshot, 'clang.version');
  if (cl.kind === 'exited') {
    const invalid = findInvalidDeveloperPath(`${cl.record.stderr}\n${cl.record.stdout}`);
    if (invalid) {
      clt.state = 'broken';
      clt.developerDirValid = false;
      clt.stateDetail = invalid.message;
      clt.developerDir ??= invalid.dir;
    } else {
      const parsed = cl.ok ? parseClangVersion(cl.record.stdout) : undefined;
      if (parsed) clt.clang = parsed;
      else problems.push(commandProblem(cl, 'clang.version', 'the C compiler version (clang --version)'));
    }
  } else if (cl.kind === 'timedOut' || cl.kind === 'spawnFailed' || cl.kind === 'killed') {
    problems.push(commandProblem(cl, 'clang.version', 'the C compiler version (clang --version)'));
  }
  return clt;
}

export function deriveMacFacts(snapshot: Snapshot, problems: ProbeProblem[]): MacFacts {
  const mac: MacFacts = { clt: deriveClt(snapshot, problems) };
  const darwin = /^(\d{1,4})\./.exec(snapshot.host.release ?? '');
  if (darwin) mac.darwinMajor = Number(darwin[1]);

  const sw = commandOutcome(snapshot, 'sw_vers');
  const vers = sw.kind === 'exited' && sw.ok ? parseSwVers(sw.record.stdout) : undefined;
  if (vers) {
    if (vers.productVersion) mac.productVersion = vers.productVersion;
    if (vers.major !== undefined) mac.major = vers.major;
    if (vers.minor !== undefined) mac.minor = vers.minor;
    if (vers.buildVersion) mac.buildVersion = vers.buildVersion;
  } else {
    const fromDarwin = mac.darwinMajor === undefined ? undefined : macOSMajorForDarwin(mac.darwinMajor);
    if (fromDarwin !== undefined) mac.major = fromDarwin;
    else if (sw.kind !== 'skipped') problems.push(commandProblem(sw, 'sw_vers', 'the macOS version', ['sw_vers']));
  }

  const arm = commandOutcome(snapshot, 'sysctl.arm64');
  const armFlag = arm.kind === 'exited' && arm.ok ? parseSysctlFlag(arm.record.stdout) : undefined;
  const tr = commandOutcome(snapshot, 'sysctl.translated');
  // Facts §5.2: an error or empty output means the key is absent (an Intel Mac): not translated.
  const translated = tr.kind === 'exited' ? (parseSysctlFlag(tr.record.stdout) ?? false) : undefined;
  if (translated !== undefined) mac.translated = translated;
  if (armFlag !== undefined) mac.appleSilicon = armFlag;
  else if (snapshot.host.arch === 'arm64' || translated === true) mac.appleSilicon = true;
  if (tr.kind === 'timedOut' || tr.kind === 'spawnFailed' || tr.kind === 'killed') problems.push(commandProblem(tr, 'sysctl.translated', 'whether the doctor runs under Rosetta'));
  if (arm.kind === 'timedOut' || arm.kind === 'spawnFailed' || arm.kind === 'killed') problems.push(commandProblem(arm, 'sysctl.arm64', 'whether this Mac has Apple Silicon'));

  const goPkg = commandOutcome(snapshot, 'pkgutil.go');
  if (goPkg.kind === 'exited') {
    const info = parsePkgInfo(goPkg.record.stdout, goPkg.record.stderr);
    if (info?.present) {
      mac.goPackage = { packageId: info.packageId, version: info.version };
      if (info.installTime) mac.goPackage.installTime = info.installTime;
    }
  }
  return mac;
}
