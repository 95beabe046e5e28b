/**
 * The GOOS/GOARCH pair of each build configuration, looked up in the ports of the Go release
 * that builds it. Shared by cross/unsupported-pair and cross/broken-port.
 */
import type { RuleContext } from '../../rule.js';
import type { Port } from '../../machine.js';
import type { BuildConfig, SettingValue } from '../../workspace/build-config.js';
import { anyReleasePorts, hostOf, portsOf, releaseOf, targetOf, type GoRelease, type Target } from './target.js';

interface PairVerdict {
  config: BuildConfig;
  target: Target & { goos: string; goarch: string };
  release?: GoRelease;
  /** The port entry (broken or not), or undefined when the pair is not a port of that release. */
  port?: Port;
  /** Ports of the release (or of every release when the release is unknown). */
  ports: Port[];
  releaseKnown: boolean;
  /** Where to point: the setting that makes the pair (GOARCH when both are set). */
  anchor: SettingValue | undefined;
}

/** The pair verdict of one configuration (undefined when there is no explicit, known pair). */
export function pairVerdictOf(ctx: RuleContext, config: BuildConfig): PairVerdict | undefined {
  const host = hostOf(ctx, config);
  const t = targetOf(config, host);
  if (!t.goos || !t.goarch) return undefined;
  if (t.goosImplicit && t.goarchImplicit) return undefined;
  const release = releaseOf(ctx, config);
  const known = portsOf(ctx, release);
  const ports = known ?? anyReleasePorts();
  // Names unknown to this release are cross/unknown-goos / unknown-goarch findings.
  if (!ports.some((p) => p.goos === t.goos) || !ports.some((p) => p.goarch === t.goarch)) return undefined;
  const port = ports.find((p) => p.goos === t.goos && p.goarch === t.goarch);
  return {
    config,
    target: t as PairVerdict['target'],
    ...(release ? { release } : {}),
    ...(port ? { port } : {}),
    ports,
    releaseKnown: known !== undefined,
    anchor: t.goarchSetting ?? t.goosSetting,
  };
}

export function releaseName(v: PairVerdict): string {
  return v.releaseKnown && v.release ? v.release.label : 'any Go release from 1.21 to 1.27';
}
