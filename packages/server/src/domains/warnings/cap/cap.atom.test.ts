import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { parseAtomFeed, toAtomFeed } from './cap.atom.ts';

const FEED = {
  title: '连山壮族瑶族自治县应急管理局 预警信息',
  selfUrl: 'https://yjj.lianshan.gov.cn/api/public/cap/feed.atom',
  updated: '2026-06-12T01:30:05.000Z',
  entries: [
    {
      id: 'urn:yingji:warning:44182500000000_20260612093005_0',
      title: '连山县发布暴雨橙色预警 & 山洪 <二级>',
      updated: '2026-06-12T01:30:05.000Z',
      summary: '预计未来 6 小时内永和镇、吉田镇、太保镇将出现 100 毫米以上降雨。',
      capUrl: 'https://yjj.lianshan.gov.cn/api/public/cap/44182500000000_20260612093005_0.xml',
    },
    {
      id: 'urn:yingji:warning:44182500000000_20260611080000_0',
      title: '连山县发布大风蓝色预警',
      updated: '2026-06-11T00:00:00.000Z',
      summary: '阵风 7 级。',
      capUrl: 'https://yjj.lianshan.gov.cn/api/public/cap/44182500000000_20260611080000_0.xml?a=1&b=2',
    },
  ],
};

describe('Atom feed of CAP documents', () => {
  it('produces a well-formed Atom 1.0 feed whose entries link to their CAP documents', () => {
    const xml = toAtomFeed(FEED);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${FEED.selfUrl}"/>`);
    expect(xml).toContain('<author>\n    <name>连山壮族瑶族自治县应急管理局 预警信息</name>');
    expect(xml).toContain('<title>连山县发布暴雨橙色预警 &amp; 山洪 &lt;二级&gt;</title>');
    expect(xml).toContain(
      'type="application/cap+xml" href="https://yjj.lianshan.gov.cn/api/public/cap/44182500000000_20260611080000_0.xml?a=1&amp;b=2"',
    );
  });

  it('reads back the entries and their CAP links', () => {
    expect(parseAtomFeed(toAtomFeed(FEED))).toEqual(
      FEED.entries.map(({ id, title, updated, capUrl }) => ({ id, title, updated, capUrl })),
    );
  });

  it("reads other systems' feeds: prefixes, typed titles, relative links, entries without a CAP link left out", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">
  <atom:id>urn:weather:gd</atom:id>
  <atom:title type="text">广东省预警信息</atom:title>
  <atom:updated>2026-06-12T01:00:00Z</atom:updated>
  <atom:entry>
    <atom:id>urn:weather:gd:1</atom:id>
    <atom:title type="text">清远市发布暴雨黄色预警</atom:title>
    <atom:link rel="related" href="/html/1.html"/>
    <atom:link type="application/cap+xml" href="cap/1.xml"/>
  </atom:entry>
  <atom:entry>
    <atom:link href="https://other.example/cap/2.xml"/>
  </atom:entry>
  <atom:entry>
    <atom:id>urn:weather:gd:3</atom:id>
    <atom:title>无链接</atom:title>
  </atom:entry>
</atom:feed>`;
    expect(parseAtomFeed(xml, 'https://weather.example/feeds/gd.atom')).toEqual([
      { id: 'urn:weather:gd:1', title: '清远市发布暴雨黄色预警', capUrl: 'https://weather.example/feeds/cap/1.xml' },
      { id: 'https://other.example/cap/2.xml', capUrl: 'https://other.example/cap/2.xml' },
    ]);
  });

  it('refuses a feed with a DOCTYPE, and a document that is not a feed', () => {
    expect(() => parseAtomFeed('<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed>&x;</feed>')).toThrow(AppError);
    expect(() => parseAtomFeed('<rss version="2.0"/>')).toThrow(/根元素不是 <feed>/);
  });
});
