import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentKind } from '@yingji/contracts/plans.ts';
import type { FastifyInstance } from 'fastify';
import { ATTACHMENT_HARD_LIMIT } from './plans.rules-config.ts';

/**
 * Plan attachments on disk and on the wire: what a file is (judged by its first bytes and structure, never by its
 * name or declared type), multipart bodies, and storage under <dataDir>/plans/<plan id>/.
 */

export interface DetectedDocument {
  kind: AttachmentKind;
  contentType: string;
  extension: string;
}

const PDF = { kind: 'pdf', contentType: 'application/pdf', extension: '.pdf' } as const;
const DOCX = {
  kind: 'docx',
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: '.docx',
} as const;
const DOC = { kind: 'doc', contentType: 'application/msword', extension: '.doc' } as const;

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream every Word 97–2003 document has, named in UTF-16 in the compound file's directory. */
const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');

/** The names of a zip's entries, read from its central directory; null when it is not a well-formed zip. */
export function zipEntryNames(buffer: Buffer): string[] | null {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) return null;
  // The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i -= 1) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    if (at + 46 + nameLength > buffer.length) return null;
    names.push(buffer.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + skip;
  }
  return names;
}

/**
 * PDF (starting `%PDF-`), Word 2007+ (a zip with a `word/` part), or Word 97–2003
 * (an OLE compound file holding a WordDocument stream); anything else (images, spreadsheets, renamed files) is null.
 */
export function detectDocument(buffer: Buffer): DetectedDocument | null {
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  const names = zipEntryNames(buffer);
  if (names) return names.some((name) => name.startsWith('word/')) ? DOCX : null;
  if (buffer.subarray(0, 8).equals(OLE_MAGIC) && buffer.includes(WORD_STREAM)) return DOC;
  return null;
}

/** The file name a user gave, with the extension of what the file really is (预案.PDF → 预案.pdf, 预案 → 预案.docx). */
export function storedFileName(given: string, detected: DetectedDocument): string {
  const base =
    path
      .basename(given.replace(/\\/g, '/'))
      .replace(/[\u0000-\u001f]/g, '')
      .trim() || '附件';
  const stem = base.replace(/\.(pdf|docx?|wps)$/i, '');
  return `${stem}${detected.extension}`;
}

/** The first file part of a multipart/form-data body, or null when there is none. */
export function firstMultipartFile(body: Buffer, contentType: string): { fileName: string; data: Buffer } | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const headerStart = start + delimiter.length + 2; // past the CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) return null;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return null;
    const headers = body.toString('utf8', headerStart, headerEnd);
    const encoded = /filename\*=UTF-8''([^;\r\n]+)/i.exec(headers);
    const plain = /filename="([^"]*)"/i.exec(headers);
    if (encoded || plain) {
      const fileName = encoded ? decodeURIComponent(encoded[1]!) : plain![1]!;
      return { fileName, data: body.subarray(headerEnd + 4, next) };
    }
    start = next + 2;
  }
  return null;
}

/**
 * In the encapsulated context of the upload route only: every body arrives as a Buffer (raw files of any declared
 * type, and multipart forms), up to the hard ceiling; what the file is, and whether it is small enough under the
 * rule in force, the service decides — so a wrong type is refused with the plans' own error, not a generic 415.
 */
export function acceptAnyUpload(scope: FastifyInstance): void {
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_HARD_LIMIT + 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
}

/** Attachment files under <dataDir>/plans/; paths in the database are relative to the data directory. */
export class AttachmentFiles {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir);
  }

  private absolute(relative: string): string {
    const full = path.resolve(this.root, relative);
    if (!full.startsWith(this.root + path.sep)) throw new Error(`attachment path outside the data directory: ${relative}`);
    return full;
  }

  /** Writes the file whole (temporary name, then rename), so a crash never leaves half a file under its name. */
  async write(planId: string, id: string, extension: string, data: Buffer): Promise<string> {
    const relative = path.join('plans', planId, `${id}${extension}`);
    const full = this.absolute(relative);
    await fs.promises.mkdir(path.dirname(full), { recursive: true });
    await fs.promises.writeFile(`${full}.part`, data);
    await fs.promises.rename(`${full}.part`, full);
    return relative;
  }

  open(relative: string): fs.ReadStream | null {
    const full = this.absolute(relative);
    return fs.existsSync(full) ? fs.createReadStream(full) : null;
  }

  async removeAll(relatives: readonly string[]): Promise<void> {
    for (const relative of relatives) await fs.promises.rm(this.absolute(relative), { force: true });
  }
}
