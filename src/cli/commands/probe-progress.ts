import type { ProbeProgress } from '../../probe/index.js';
import type { Progress } from '../terminal.js';

/** Turns probe events into the one-line progress shown on a terminal's stderr. */
export function progressReporter(progress: Progress): (event: ProbeProgress) => void {
  return (event) => {
    if (event.kind === 'command-start') progress.update(`Checking: ${event.argv.join(' ')}`);
    else if (event.kind === 'cache' && (event.result === 'memory' || event.result === 'disk')) progress.update('Checking: reusing results for unchanged tools');
  };
}
