/**
 * A minimal LSP client over a child's stdio (Content-Length framed JSON-RPC 2.0): enough to drive
 * gopls the way VS Code does (requests, notifications, answering server requests).
 */
import type { Readable, Writable } from 'node:stream';

type Handler = (params: unknown) => unknown;

export class LspClient {
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly requestHandlers = new Map<string, Handler>();
  private readonly notificationHandlers = new Map<string, Handler>();
  private closed = false;

  constructor(input: Readable, private readonly output: Writable) {
    input.on('data', (chunk: Buffer) => this.onData(chunk));
    input.on('close', () => this.close(new Error('server closed the connection')));
    output.on('error', () => this.close(new Error('server stdin closed')));
  }

  onRequest(method: string, handler: Handler): void {
    this.requestHandlers.set(method, handler);
  }

  onNotification(method: string, handler: Handler): void {
    this.notificationHandlers.set(method, handler);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 120_000): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`connection closed (${method})`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    if (!this.closed) this.send({ jsonrpc: '2.0', method, params });
  }

  close(reason = new Error('closed')): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    try {
      this.output.write(`Content-Length: ${body.length}\r\n\r\n`);
      this.output.write(body);
    } catch {
      this.close(new Error('write failed'));
    }
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) {
        this.buffer = this.buffer.subarray(headerEnd + 4);
        continue;
      }
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      try {
        this.dispatch(JSON.parse(body) as Record<string, unknown>);
      } catch {
        // malformed message: ignore
      }
    }
  }

  private dispatch(msg: Record<string, unknown>): void {
    const id = msg.id;
    const method = typeof msg.method === 'string' ? msg.method : undefined;
    if (method && id !== undefined) {
      const h = this.requestHandlers.get(method);
      let result: unknown;
      try {
        result = h ? h(msg.params) : null;
      } catch {
        result = null;
      }
      this.send({ jsonrpc: '2.0', id, result: result ?? null });
      return;
    }
    if (method) {
      this.notificationHandlers.get(method)?.(msg.params);
      return;
    }
    if (typeof id === 'number') {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (msg.error) p.reject(new Error(JSON.stringify(msg.error)));
      else p.resolve(msg.result);
    }
  }
}
