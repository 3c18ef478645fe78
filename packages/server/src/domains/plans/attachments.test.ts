import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { detectDocument, firstMultipartFile, zipEntryNames } from './attachments.files.ts';
import { createPlan } from './plans.test-support.ts';

/** A zip whose entries are stored uncompressed, as a Word or Excel file is laid out (enough for their signatures). */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const DOCX = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document>防汛</w:document>' });
const DOC = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(504),
  Buffer.from('Root Entry', 'utf16le'),
  Buffer.from('WordDocument', 'utf16le'),
  Buffer.alloc(512),
]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function multipart(fileName: string, type: string, data: Buffer) {
  const boundary = '----yingjiBoundary7MA4YWxk';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n说明\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('document detection', () => {
  it('knows PDF, Word 2007+ and Word 97–2003 by their content, and nothing else', async () => {
    expect(detectDocument(PDF)?.kind).toBe('pdf');
    expect(detectDocument(DOCX)?.kind).toBe('docx');
    expect(detectDocument(DOC)?.kind).toBe('doc');
    expect(zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('预案').addRow(['名称']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect(zipEntryNames(xlsx)!.some((n) => n.startsWith('xl/'))).toBe(true);
    expect(detectDocument(xlsx)).toBeNull();
    expect(detectDocument(PNG)).toBeNull();
    expect(detectDocument(Buffer.from('这不是 PDF，只是改了扩展名的文本'))).toBeNull();
    expect(detectDocument(Buffer.concat([DOC.subarray(0, 8), Buffer.alloc(1000)]))).toBeNull();
  });

  it('reads the first file of a multipart body, with its Chinese name', () => {
    const { body, contentType } = multipart('防汛预案.pdf', 'application/pdf', PDF);
    expect(firstMultipartFile(body, contentType)).toEqual({ fileName: '防汛预案.pdf', data: PDF });
    expect(firstMultipartFile(Buffer.from('--x\r\n\r\n'), 'multipart/form-data; boundary=x')).toBeNull();
  });
});

describe.each(DIALECTS)('plan attachments on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let admin: ApiClient;
  let chakan: ApiClient;
  let dataDir: string;
  let planId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-plans-files-'));
    env = await testEnv(dialect, { dataDir });
    zhiban = await env.login('zhiban');
    admin = await env.login('admin');
    chakan = await env.login('chakan');
    planId = (await createPlan(zhiban)).id;
  });
  afterAll(async () => {
    await env.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (client: ApiClient, body: Buffer, contentType: string, fileName?: string) =>
    client.request({
      method: 'POST',
      url: `/api/plans/${planId}/attachments${fileName ? `?fileName=${encodeURIComponent(fileName)}` : ''}`,
      body,
      headers: { 'content-type': contentType },
    });

  it('stores a PDF sent as the body under the data directory, and gives it back byte for byte', async () => {
    const res = await upload(zhiban, PDF, 'application/pdf', '防汛预案（印发稿）.PDF');
    expect(res.statusCode).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({
      fileName: '防汛预案（印发稿）.pdf',
      kind: 'pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: 'zhiban',
    });
    expect(fs.readFileSync(path.join(dataDir, 'plans', planId, `${attachment.id}.pdf`))).toEqual(PDF);
    const download = await chakan.get(`/api/plans/${planId}/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('防汛预案（印发稿）.pdf')}`,
    );
    expect(download.rawPayload).toEqual(PDF);
    const detail = (await zhiban.get(`/api/plans/${planId}`)).json();
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([attachment.id]);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'attachment_add', note: '防汛预案（印发稿）.pdf' });
  });

  it('takes Word files, by multipart form or as the body, whatever type the sender declared', async () => {
    const form = multipart('修订说明.docx', 'application/octet-stream', DOCX);
    const docx = await upload(zhiban, form.body, form.contentType);
    expect(docx.statusCode).toBe(201);
    expect(docx.json()).toMatchObject({ fileName: '修订说明.docx', kind: 'docx' });
    const doc = await upload(zhiban, DOC, 'application/octet-stream', '旧版预案');
    expect(doc.json()).toMatchObject({ fileName: '旧版预案.doc', kind: 'doc', contentType: 'application/msword' });
  });

  it('refuses files that are not PDF or Word, whatever their name or declared type', async () => {
    const png = await upload(zhiban, PNG, 'image/png', '现场照片.png');
    expect(png.statusCode).toBe(415);
    expect(png.json()).toMatchObject({ code: 'PLAN_ATTACHMENT_TYPE', message: '附件只能是 PDF 或 Word（.doc / .docx）文件' });
    const renamed = await upload(zhiban, Buffer.from('纯文本内容'), 'application/pdf', '伪装.pdf');
    expect(renamed.json().code).toBe('PLAN_ATTACHMENT_TYPE');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('表').addRow(['x']);
    const xlsx = await upload(
      zhiban,
      Buffer.from(await book.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      '表.docx',
    );
    expect(xlsx.json().code).toBe('PLAN_ATTACHMENT_TYPE');
    const json = await zhiban.post(`/api/plans/${planId}/attachments`, { file: 'x' });
    expect(json.json().code).toBe('PLAN_ATTACHMENT_TYPE');
    const noFile = multipart('x', 'text/plain', Buffer.alloc(0));
    const emptyForm = await upload(zhiban, Buffer.from(noFile.body.toString().replace(/; filename="x"/, '')), noFile.contentType);
    expect(emptyForm.json().code).toBe('PLAN_ATTACHMENT_TYPE');
    // Nothing was stored for any of them.
    expect(fs.readdirSync(path.join(dataDir, 'plans', planId))).toHaveLength(3);
  });

  it('refuses files over the configured size, with the limit in the details', async () => {
    expect(
      (await admin.request({ method: 'PUT', url: '/api/rules/plans.attachments.maxBytes', body: { value: 2048 } })).statusCode,
    ).toBe(200);
    const big = Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]);
    const res = await upload(zhiban, big, 'application/pdf', '大文件.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PLAN_ATTACHMENT_TOO_LARGE', details: { size: big.length, maxBytes: 2048 } });
    await admin.request({ method: 'PUT', url: '/api/rules/plans.attachments.maxBytes', body: { value: 20 * 1024 * 1024 } });
    // Just under the default 20 MB goes through.
    const large = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 - PDF.length - 1, 0x20)]);
    expect((await upload(zhiban, large, 'application/pdf', '正文.pdf')).statusCode).toBe(201);
    const over = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    expect((await upload(zhiban, over, 'application/pdf', '正文.pdf')).json().code).toBe('PLAN_ATTACHMENT_TOO_LARGE');
  });

  it('lets only editors of the plan attach or remove files; removal deletes the file', async () => {
    expect((await upload(chakan, PDF, 'application/pdf', 'x.pdf')).json().code).toBe('FORBIDDEN');
    const { id } = (await upload(zhiban, PDF, 'application/pdf', '待删除.pdf')).json();
    const file = path.join(dataDir, 'plans', planId, `${id}.pdf`);
    expect(fs.existsSync(file)).toBe(true);
    const removed = await zhiban.request({ method: 'DELETE', url: `/api/plans/${planId}/attachments/${id}` });
    expect(removed.json()).toEqual({ ok: true });
    expect(fs.existsSync(file)).toBe(false);
    expect((await zhiban.get(`/api/plans/${planId}/attachments/${id}`)).json().code).toBe('PLAN_ATTACHMENT_NOT_FOUND');
    const audit = (await admin.get(`/api/audit?entity=plan&entityId=${planId}&limit=100`))
      .json()
      .items.map((a: { action: string }) => a.action);
    expect(audit).toContain('plan.attachment_remove');
    expect(audit).toContain('plan.attachment_add');
  });
});
