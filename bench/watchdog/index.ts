/** Entry for bench/watchdog.bench.mjs (loaded through tsx's tsImport, which evaluates the entry from a data: URL; the modules it requires keep their real __dirname). */
export { runWatchdogBench } from './main.js';
