import type { Rule } from '../../rule.js';
import { brokenPort } from './broken-port.js';
import { cgoWithoutCc } from './cgo-without-cc.js';
import { externalLinkWithoutCgo } from './external-link-without-cgo.js';
import { needsCgo } from './needs-cgo.js';
import { unknownGoarch } from './unknown-goarch.js';
import { unknownGoos } from './unknown-goos.js';
import { unsupportedPair } from './unsupported-pair.js';
import { wasmExecPath } from './wasm-exec-path.js';

/** Rules of the `cross/` family. */
export const crossRules: Rule[] = [unknownGoos, unknownGoarch, unsupportedPair, brokenPort, needsCgo, cgoWithoutCc, externalLinkWithoutCgo, wasmExecPath];
