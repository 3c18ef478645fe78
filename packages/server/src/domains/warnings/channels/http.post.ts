// One HTTP POST of a channel message (loudspeaker push, webhook) and what its result means for a retry.
import { describeError, failed, unreachable, type Attempt } from './channel.support.ts';

export interface PostRequest {
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
  timeoutMs: number;
}

/**
 * POSTs and classifies the answer: 2xx is success (with the given state); 408, 429 and 5xx are retryable (the far end
 * is busy or broken for now); other 4xx and redirects are not (the request itself is refused); no answer at all —
 * connection refused, DNS, time-out — is `unreachable`.
 */
export async function postMessage(id: string, request: PostRequest, success: 'sent' | 'delivered'): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    return unreachable(id, `无法连接 ${request.url}: ${describeError(error)}`);
  }
  await response.body?.cancel().catch(() => undefined); // the answer's body is not needed; free the connection
  const status = response.status;
  if (status >= 200 && status < 300) return { id, state: success };
  const error = `${request.url} 返回 HTTP ${status}`;
  return failed(id, error, status === 408 || status === 429 || status >= 500);
}

/** Runs `work` over the items with at most `limit` at a time, results in item order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
