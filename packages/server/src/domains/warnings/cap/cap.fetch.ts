import { CAP_MAX_BYTES } from './cap.guard.ts';

/** A feed or CAP server that has not answered in this time is tried again at the next poll. */
export const CAP_FETCH_TIMEOUT_MS = 15_000;

/** The document is larger than we accept: a fault of the document, not of the network, so not worth retrying. */
export class CapDocumentTooLargeError extends Error {
  override readonly name = 'CapDocumentTooLargeError';
}

/**
 * XML bytes as text: the charset of the Content-Type header, else the XML declaration's encoding (Chinese systems
 * still send GB2312/GBK/GB18030), else UTF-8.
 */
export function decodeXmlBytes(bytes: Uint8Array, contentType?: string | null): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const fromDeclaration = /^\s*<\?xml[^?]*?encoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
  const label = fromHeader ?? fromDeclaration ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new Error(`不支持的字符编码：${label}`);
  }
  return decoder.decode(bytes);
}

/**
 * GET an XML document over http(s) with a timeout and a size limit enforced while reading, so a hostile or broken
 * server can neither hang the poller nor fill its memory.
 */
export async function fetchXml(
  url: string,
  options: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<{ text: string; contentType: string | null }> {
  const maxBytes = options.maxBytes ?? CAP_MAX_BYTES;
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`只支持 http/https 地址：${url}`);
  const response = await fetch(url, {
    signal: AbortSignal.timeout(options.timeoutMs ?? CAP_FETCH_TIMEOUT_MS),
    headers: { accept: 'application/cap+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8' },
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}：${url}`);
  }
  const tooLarge = () => new CapDocumentTooLargeError(`文档过大：超过 ${maxBytes} 字节（${url}）`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  const contentType = response.headers.get('content-type');
  return { text: decodeXmlBytes(Buffer.concat(chunks), contentType), contentType };
}
