// A loopback HTTP receiver for tests and the demo, standing in for loudspeaker controllers and webhook receivers on
// 127.0.0.1: it records every POST (headers, raw body) and answers 200, or the statuses queued with failNext().
// With a webhook secret it checks each request's signature and answers 401 when it does not match.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from './webhook.channel.ts';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** With a webhook secret: did the signature verify? */
  signatureValid?: boolean;
}

export interface LoopbackReceiver {
  /** http://127.0.0.1:<port> — append any path; each path can stand for one endpoint. */
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Answer the next n requests with this status instead of 200. */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

export async function startLoopbackReceiver(options: { port?: number; webhookSecret?: string } = {}): Promise<LoopbackReceiver> {
  const requests: ReceivedRequest[] = [];
  let failures = { left: 0, status: 500 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const request: ReceivedRequest = { path: req.url ?? '/', headers: req.headers, body };
      if (options.webhookSecret) {
        request.signatureValid = verifyWebhookSignature(
          options.webhookSecret,
          String(req.headers['x-yingji-timestamp'] ?? ''),
          body,
          String(req.headers['x-yingji-signature'] ?? ''),
        );
      }
      requests.push(request);
      let status = request.signatureValid === false ? 401 : 200;
      if (failures.left > 0) {
        failures.left -= 1;
        status = failures.status;
      }
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (n, status) => void (failures = { left: n, status }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
