// Entry of dist/server.js: `node dist/server.js --stdio` or `--node-ipc` (what VS Code passes).
import { startLanguageServer } from './start.js';

const transport = process.argv.includes('--stdio') ? 'stdio' : process.argv.includes('--node-ipc') ? 'ipc' : undefined;
if (!transport) {
  process.stderr.write('usage: node dist/server.js --stdio | --node-ipc\n');
  process.exit(2);
}
startLanguageServer({ transport });
