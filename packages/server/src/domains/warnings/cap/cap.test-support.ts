import type { CapAlert } from '@yingji/contracts/cap.ts';
import { geoJsonToCapPolygons } from './cap.geo.ts';
import { capIdentifier, formatCapDateTime } from './cap.identifier.ts';

/** Shared by the CAP tests: a realistic county warning, as the warnings domain would build it. */

export const SENT_AT = new Date('2026-06-12T01:30:00Z'); // 09:30 Beijing time

/** 暴雨橙色预警 of 连山壮族瑶族自治县 (441825) for three townships, with a drawn polygon over them. */
export function lianshanRainstormAlert(): CapAlert {
  const polygon = geoJsonToCapPolygons({
    type: 'Polygon',
    coordinates: [
      [
        [112.02, 24.46],
        [112.16, 24.46],
        [112.19, 24.62],
        [112.08, 24.7],
        [111.99, 24.6],
        [112.02, 24.46],
      ],
    ],
  });
  return {
    identifier: capIdentifier({ areaCode: '441825', at: SENT_AT, sequence: 0 }),
    sender: 'yjj.lianshan.gov.cn',
    sent: formatCapDateTime(SENT_AT),
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    code: [],
    info: [
      {
        language: 'zh-CN',
        category: ['Met'],
        event: '暴雨',
        responseType: ['Prepare', 'Evacuate'],
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Likely',
        eventCode: [{ valueName: 'hazard', value: 'rainstorm' }],
        effective: formatCapDateTime(SENT_AT),
        expires: formatCapDateTime(new Date('2026-06-12T13:30:00Z')),
        senderName: '连山壮族瑶族自治县应急管理局',
        headline: '连山县发布暴雨橙色预警',
        description:
          '受强降雨云团影响，预计未来 6 小时内永和镇、吉田镇、太保镇将出现 100 毫米以上降雨，局地可达 150 毫米，' +
          '山洪、地质灾害风险高。',
        instruction: '请危险区群众立即转移至安全地带；停止户外作业；远离河道、山坡和低洼地带。',
        contact: '0763-6612345',
        parameter: [{ valueName: '预警级别', value: '二级（橙色）' }],
        resource: [],
        area: [
          {
            areaDesc: '永和镇、吉田镇、太保镇',
            polygon,
            circle: [],
            geocode: [
              { valueName: 'GB/T 2260', value: '441825100' },
              { valueName: 'GB/T 2260', value: '441825104' },
              { valueName: 'GB/T 2260', value: '441825105' },
            ],
          },
        ],
      },
    ],
  };
}
