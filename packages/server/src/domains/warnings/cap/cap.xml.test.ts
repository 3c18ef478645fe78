import type { CapAlert } from '@yingji/contracts/cap.ts';
import { describe, expect, it } from 'vitest';
import { lianshanRainstormAlert } from './cap.test-support.ts';
import { validateCapXml } from './cap.validate.ts';
import { parseCapXml, toCapXml } from './cap.xml.ts';

/** Every optional element of CAP 1.2 filled in, to prove the element order of the whole schema. */
function everyElementAlert(): CapAlert {
  const alert = lianshanRainstormAlert();
  const info = alert.info[0]!;
  return {
    ...alert,
    msgType: 'Update',
    source: '县气象台',
    scope: 'Restricted',
    restriction: '仅限应急部门',
    addresses: 'yjj.qingyuan "三防 办公室"',
    code: ['IPAWSv1.0', 'GB/T 35965.1'],
    note: '更新：扩大影响范围',
    references: 'yjj.lianshan.gov.cn,441825000000000_20260612080000_0,2026-06-12T08:00:00+08:00',
    incidents: 'LS-2026-061',
    info: [
      {
        ...info,
        audience: '危险区群众',
        onset: '2026-06-12T10:00:00+08:00',
        web: 'https://yjj.lianshan.gov.cn/warnings/1',
        resource: [
          {
            resourceDesc: '预警广播音频',
            mimeType: 'audio/mpeg',
            size: 48213,
            uri: 'https://yjj.lianshan.gov.cn/warnings/1/audio.mp3',
            derefUri: 'SUQzBAAAAAAA',
            digest: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
          },
        ],
        area: [
          { ...info.area[0]!, altitude: 300, ceiling: 1200.5 },
          { areaDesc: '上帅镇（圆形范围）', polygon: [], circle: ['24.7,112.05 5.5'], geocode: [] },
        ],
      },
      { ...info, language: 'en-US', event: 'Rainstorm', headline: 'Orange rainstorm warning for Lianshan' },
    ],
  };
}

describe('toCapXml / parseCapXml', () => {
  it('exports a realistic Chinese warning (暴雨橙色预警, 连山 441825) that validates against the CAP 1.2 XSD', async () => {
    const alert = lianshanRainstormAlert();
    const xml = toCapXml(alert);

    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">')).toBe(
      true,
    );
    expect(xml).toContain('<headline>连山县发布暴雨橙色预警</headline>');
    expect(xml).toContain('<sent>2026-06-12T09:30:00+08:00</sent>');
    expect(xml).toContain('<value>441825104</value>');
    expect(await validateCapXml(xml)).toEqual({ ok: true, alert });
  });

  it('round-trips: parse(toXml(a)) deep-equals a', () => {
    const alert = lianshanRainstormAlert();
    expect(parseCapXml(toCapXml(alert))).toStrictEqual(alert);
  });

  it('writes every optional element in schema order: the full alert validates and round-trips', async () => {
    const alert = everyElementAlert();
    const xml = toCapXml(alert);
    const validation = await validateCapXml(xml);
    expect(validation).toEqual({ ok: true, alert });
    expect(parseCapXml(xml)).toStrictEqual(alert);
  });

  it('escapes markup characters and keeps them through the round trip', async () => {
    const alert = lianshanRainstormAlert();
    alert.info[0]!.description = '水位 > 警戒线 & 仍在上涨 <请注意>\r\n"转移" \'立即\'';
    const xml = toCapXml(alert);
    expect(xml).toContain('水位 &gt; 警戒线 &amp; 仍在上涨 &lt;请注意&gt;&#13;');
    expect((await validateCapXml(xml)).ok).toBe(true);
    expect(parseCapXml(xml)).toStrictEqual(alert);
  });

  it('reads documents written by others: namespace prefix, CDATA, character references, default language', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <cap:identifier>44000041600000_20260612093000_1</cap:identifier>
  <cap:sender>gd.weather</cap:sender>
  <cap:sent>2026-06-12T09:30:00+08:00</cap:sent>
  <cap:status>Actual</cap:status>
  <cap:msgType>Alert</cap:msgType>
  <cap:scope>Public</cap:scope>
  <cap:info>
    <cap:category>Met</cap:category>
    <cap:event>&#26292;&#x96E8;</cap:event>
    <cap:urgency>Expected</cap:urgency>
    <cap:severity>Moderate</cap:severity>
    <cap:certainty>Likely</cap:certainty>
    <cap:description><![CDATA[雨量 <50 毫米 & 以上]]></cap:description>
    <cap:area><cap:areaDesc>连山县</cap:areaDesc><cap:geocode><cap:valueName>GB/T 2260</cap:valueName><cap:value>441825</cap:value></cap:geocode></cap:area>
  </cap:info>
</cap:alert>`;
    const alert = parseCapXml(xml);
    expect(alert.info[0]).toMatchObject({
      language: 'en-US',
      event: '暴雨',
      description: '雨量 <50 毫米 & 以上',
      area: [{ areaDesc: '连山县', polygon: [], circle: [], geocode: [{ valueName: 'GB/T 2260', value: '441825' }] }],
    });
  });

  it('refuses a DOCTYPE, non-XML and a root other than <alert> with CAP_INVALID', () => {
    const attempts = ['<!DOCTYPE alert []><alert/>', 'not xml at all', '<feed xmlns="http://www.w3.org/2005/Atom"/>'];
    for (const xml of attempts) {
      expect(() => parseCapXml(xml)).toThrow(expect.objectContaining({ name: 'AppError', code: 'CAP_INVALID' }));
    }
  });
});
