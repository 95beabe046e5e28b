/**
 * Known CPU loads for checking the sampler: plain Node processes (argv arrays, no shell).
 * - `spin`: one core busy until killed;
 * - `half`: 5 ms busy / 5 ms blocked (≈ 50 % of a core);
 * - `spawner`: idle itself, starts a child every `everyMs` that spins `childMs` and exits — CPU that
 *   only shows up as the parent's cutime/cstime once the child is reaped. Each child prints its own
 *   CPU (µs) on exit; the parent sums them on stdout as `{"childCpuUs":N,"children":K}` lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const SPIN = 'for(;;){}';
const HALF = 'const sab=new Int32Array(new SharedArrayBuffer(4));for(;;){const e=Date.now()+5;while(Date.now()<e){}Atomics.wait(sab,0,0,5)}';
const CHILD = (ms: number): string => `const e=Date.now()+${ms};while(Date.now()<e){};const u=process.cpuUsage();process.stdout.write(String(u.user+u.system))`;
const SPAWNER = (everyMs: number, childMs: number): string =>
  `const {spawn}=require('node:child_process');let total=0,n=0;` +
  `setInterval(()=>{const c=spawn(process.execPath,['-e',${JSON.stringify(CHILD(childMs))}],{stdio:['ignore','pipe','ignore']});let out='';` +
  `c.stdout.on('data',d=>out+=d);c.on('exit',()=>{total+=Number(out)||0;n++;process.stdout.write(JSON.stringify({childCpuUs:total,children:n})+'\\n')})},${everyMs});`;

export type HogKind = 'spin' | 'half' | 'spawner';

export function startHog(kind: HogKind, options: { everyMs?: number; childMs?: number } = {}): ChildProcess {
  const code = kind === 'spin' ? SPIN : kind === 'half' ? HALF : SPAWNER(options.everyMs ?? 400, options.childMs ?? 250);
  return spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
}
