export { createWatchdog, type Watchdog, type WatchdogView } from './create-watchdog.js';
