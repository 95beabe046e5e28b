import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Range, Severity } from '../core/finding.js';
import { ruleDocsUrl } from '../core/rule.js';
import { DIAGNOSTIC_SOURCE } from './protocol.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The finding's diagnostic. Code actions find their finding by range and code, not by `data` (not every client keeps it). */
export function findingToDiagnostic(finding: Finding, range: Range): Diagnostic {
  return {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUrl(finding.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}

/**
 * Sends publishDiagnostics only for URIs whose diagnostics changed, and clears URIs that no
 * longer have any. One publisher serves every folder; each folder owns the URIs it published.
 */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, { owner: string; key: string }>();

  constructor(private readonly send: (uri: string, diagnostics: Diagnostic[]) => void) {}

  /** Replaces everything `owner` published with `byUri`. Returns how many URIs were sent. */
  publish(owner: string, byUri: ReadonlyMap<string, Diagnostic[]>): number {
    let sent = 0;
    for (const [uri, previous] of this.published) {
      if (previous.owner === owner && !byUri.has(uri)) {
        this.published.delete(uri);
        this.send(uri, []);
        sent++;
      }
    }
    for (const [uri, diagnostics] of byUri) {
      const key = JSON.stringify(diagnostics);
      const previous = this.published.get(uri);
      if (previous && previous.key === key && previous.owner === owner) continue;
      this.published.set(uri, { owner, key });
      this.send(uri, diagnostics);
      sent++;
    }
    return sent;
  }

  /** Clears everything `owner` published (a folder removed from the workspace). */
  clear(owner: string): void {
    this.publish(owner, new Map());
  }
}
