import type { CapError } from '@yingji/contracts/cap.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CAP_MAX_BYTES } from './cap.guard.ts';
import { lianshanRainstormAlert } from './cap.test-support.ts';
import { validateCapXml } from './cap.validate.ts';
import { toCapXml } from './cap.xml.ts';
import { XmllintUnavailableError } from './cap.xmllint.ts';

const GOOD = toCapXml(lianshanRainstormAlert());

async function errorsOf(xml: string): Promise<CapError[]> {
  const result = await validateCapXml(xml);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('validateCapXml: safe pre-checks before any parser', () => {
  it('refuses text that is not XML, saying so with a line number', async () => {
    const errors = await errorsOf('这不是 XML');
    expect(errors[0]!.message).toMatch(/^不是格式正确的 XML/);
    const broken = await errorsOf('<alert>\n  <identifier>x</sender>\n</alert>');
    expect(broken[0]).toMatchObject({ line: 2, message: expect.stringMatching(/^不是格式正确的 XML/) });
    expect((await errorsOf('  '))[0]!.message).toBe('文档为空，不是 XML');
  });

  it(`refuses documents over ${CAP_MAX_BYTES} bytes before parsing them`, async () => {
    const alert = lianshanRainstormAlert();
    alert.info[0]!.description = '暴'.repeat(Math.ceil(CAP_MAX_BYTES / 3) + 1); // 3 UTF-8 bytes each
    const errors = await errorsOf(toCapXml(alert));
    expect(errors).toEqual([{ message: expect.stringMatching(/^文档过大：\d+ 字节，上限 1048576 字节$/) }]);
  });

  it('refuses a billion-laughs document (entity expansion) without expanding it', async () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE alert [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>',
    ].join('\n');
    const errors = await errorsOf(laughs);
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining('billion laughs') }]);
  });

  it('refuses an external entity (XXE) that would read a local file', async () => {
    const xxe = GOOD.replace('<alert', '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<alert').replace(
      '<sender>yjj.lianshan.gov.cn</sender>',
      '<sender>&xxe;</sender>',
    );
    const errors = await errorsOf(xxe);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('XXE');
    expect(errors[0]!.message).not.toContain('root:');
  });

  it('refuses an ENTITY declaration even without a DOCTYPE keyword in front', async () => {
    const errors = await errorsOf('<alert>\n<!ENTITY x "y">\n</alert>');
    expect(errors[0]).toMatchObject({ line: 2, message: expect.stringContaining('<!ENTITY>') });
  });
});

describe('validateCapXml: the CAP 1.2 schema (xmllint)', () => {
  it('names the missing msgType, with the line', async () => {
    const errors = await errorsOf(GOOD.replace('  <msgType>Alert</msgType>\n', ''));
    expect(errors).toEqual([{ line: 7, message: '元素 <scope> 不应出现在此处，此处应为 <msgType>' }]);
  });

  it('lists every enumeration and time-format violation with its line', async () => {
    const xml = GOOD.replace('<sent>2026-06-12T09:30:00+08:00</sent>', '<sent>2026-06-12T01:30:00Z</sent>')
      .replace('<severity>Severe</severity>', '<severity>Orange</severity>')
      .replace('<category>Met</category>', '<category>Weather</category>');
    const errors = await errorsOf(xml);
    expect(errors.map((e) => e.line)).toEqual([5, 11, 16]);
    expect(errors[0]!.message).toContain("<sent> 的值 '2026-06-12T01:30:00Z' 格式不对");
    expect(errors[1]!.message).toContain("<category> 的值 'Weather' 不在允许的取值中");
    expect(errors[2]!.message).toContain("<severity> 的值 'Orange'");
  });

  it('refuses a document in another namespace', async () => {
    const errors = await errorsOf(GOOD.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'));
    expect(errors[0]!.line).toBe(2);
  });

  it('accepts a text whose declaration names another encoding (the caller already decoded it)', async () => {
    const result = await validateCapXml('\uFEFF' + GOOD.replace('encoding="UTF-8"', "encoding='GB2312'"));
    expect(result.ok).toBe(true);
  });

  it('fails loudly, not as a bad document, when the schema cannot be used', async () => {
    await expect(validateCapXml(GOOD, { xsdPath: '/nonexistent/CAP-v1.2.xsd' })).rejects.toBeInstanceOf(XmllintUnavailableError);
  });
});

describe('validateCapXml: when xmllint misbehaves', () => {
  const made: string[] = [];
  const tempDir = (prefix: string) => {
    made.push(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    return made.at(-1)!;
  };
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** An `xmllint` that never answers (a stand-in for a hung validator). */
  function hungXmllint(): string {
    const program = path.join(tempDir('yingji-xmllint-'), 'xmllint');
    fs.writeFileSync(program, '#!/bin/sh\nexec /bin/sleep 60\n', { mode: 0o755 });
    return program;
  }

  it('kills a validator that does not finish in time and refuses the document', async () => {
    expect(await validateCapXml(GOOD, { timeoutMs: 300, xmllint: hungXmllint() })).toEqual({
      ok: false,
      errors: [{ message: 'XSD 校验超时（超过 0.3 秒）或被中止，文档未被接受' }],
    });
  });

  it('reports a missing xmllint as a server fault', async () => {
    const missing = path.join(tempDir('yingji-empty-'), 'xmllint');
    await expect(validateCapXml(GOOD, { xmllint: missing })).rejects.toThrow(
      'xmllint 未安装（Debian: apt-get install libxml2-utils）',
    );
  });
});

describe('validateCapXml: rules the XSD cannot express', () => {
  it('refuses an unclosed polygon', async () => {
    const alert = lianshanRainstormAlert();
    alert.info[0]!.area[0]!.polygon = ['24.46,112.02 24.46,112.16 24.62,112.19 24.7,112.08'];
    const errors = await errorsOf(toCapXml(alert));
    expect(errors).toEqual([
      { message: 'info[1].area[1].polygon[1]：多边形未闭合：第一个坐标对“24.46,112.02”与最后一个“24.7,112.08”不同' },
    ]);
  });

  it('refuses a polygon of fewer than 4 pairs', async () => {
    const alert = lianshanRainstormAlert();
    alert.info[0]!.area[0]!.polygon = ['24.46,112.02 24.46,112.16 24.46,112.02'];
    expect((await errorsOf(toCapXml(alert)))[0]!.message).toContain('至少需要 4 个坐标对');
  });

  it('refuses lon,lat order (GeoJSON habit) and says the order may be swapped', async () => {
    const alert = lianshanRainstormAlert();
    alert.info[0]!.area[0]!.polygon = ['112.02,24.46 112.16,24.46 112.19,24.62 112.02,24.46'];
    const errors = await errorsOf(toCapXml(alert));
    expect(errors[0]!.message).toContain('纬度 112.02 超出 [-90, 90]：经纬度顺序可能颠倒');
  });

  it('refuses a zero-radius circle and a circle that is not "lat,lon radius"', async () => {
    const alert = lianshanRainstormAlert();
    alert.info[0]!.area[0]!.circle = ['24.5,112.1 0', '24.5 112.1 3'];
    const errors = await errorsOf(toCapXml(alert));
    expect(errors.map((e) => e.message)).toEqual([
      'info[1].area[1].circle[1]：圆形区域半径应大于 0 公里，实际 0',
      'info[1].area[1].circle[2]：圆形区域“24.5 112.1 3”不是“纬度,经度 半径（公里）”格式',
    ]);
  });

  it('requires references for an Update and a Cancel, as sender,identifier,sent triples', async () => {
    for (const msgType of ['Update', 'Cancel'] as const) {
      const alert = { ...lianshanRainstormAlert(), msgType };
      expect(await errorsOf(toCapXml(alert))).toEqual([
        { message: `msgType 为 ${msgType} 时必须有 references（被更新或解除的原预警：sender,identifier,sent）` },
      ]);
    }
    const badTriple = {
      ...lianshanRainstormAlert(),
      msgType: 'Update' as const,
      references: 'yjj.lianshan.gov.cn,44182500000000_20260612093000_0',
    };
    expect((await errorsOf(toCapXml(badTriple)))[0]!.message).toContain('应为 sender,identifier,sent 三项');
    const good = {
      ...lianshanRainstormAlert(),
      msgType: 'Update' as const,
      references: 'yjj.lianshan.gov.cn,44182500000000_20260612093000_0,2026-06-12T09:30:00+08:00',
    };
    expect((await validateCapXml(toCapXml(good))).ok).toBe(true);
  });

  it('refuses an identifier with spaces and a Private alert without addresses', async () => {
    const alert = { ...lianshanRainstormAlert(), identifier: 'warning 1', scope: 'Private' as const };
    expect((await errorsOf(toCapXml(alert))).map((e) => e.message)).toEqual([
      'identifier 不能为空，且不得含空格、逗号、< 或 &',
      'scope 为 Private 时必须有 addresses（接收方）',
    ]);
  });
});
