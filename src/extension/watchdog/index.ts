export { createWatchdog, type Watchdog, type WatchdogDeps, type WatchdogView } from './create-watchdog.js';
export { readWatchdogSettings, WATCHDOG_SECTION } from './watchdog-settings.js';
