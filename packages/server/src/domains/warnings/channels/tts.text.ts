// Warning text → what espeak-ng's `cmn-latn-pinyin` voice reads well: numbers, times, dates, percentages and units
// written out in Chinese first (so 100 is 一百, 14:30 is 十四点三十分, 12350 is 幺二三五零), then numbered pinyin from
// pinyin-pro (which picks polyphone readings from context: 银行 hang2, 行动 xing2), with Chinese punctuation turned
// into the commas and full stops the voice pauses at.
import { pinyin } from 'pinyin-pro';

const DIGITS = '零一二三四五六七八九';
const PHONE_DIGITS = '零幺二三四五六七八九'; // 1 is read 幺 in numbers said digit by digit

/** 0 … 9999 as read in Chinese; `inner` keeps a leading 一 of 十 (一百一十, not 一百十). */
function belowTenThousand(n: number, inner: boolean): string {
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += d === 1 && units[i] === '十' && out === '' && !inner ? '十' : DIGITS[d]! + units[i]!;
  });
  return out;
}

/** A non-negative integer read as a quantity: 105 → 一百零五, 20000 → 二万, 100000000 → 一亿. */
export function chineseCardinal(n: number): string {
  if (n === 0) return '零';
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000);
  const names = ['', '万', '亿', '万亿'];
  let out = '';
  let pendingZero = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i]!;
    if (section === 0) {
      pendingZero = out !== '';
      continue;
    }
    if (out && (pendingZero || section < 1000)) out += '零';
    pendingZero = false;
    out += belowTenThousand(section, out !== '') + names[i]!;
  }
  return out;
}

const digitByDigit = (digits: string, table = DIGITS) => digits.replace(/\d/g, (d) => table[Number(d)]!);

/** A number as written (integer or decimal): 12.5 → 十二点五, 0.05 → 零点零五. Very long integers digit by digit. */
function readNumber(written: string): string {
  const [whole = '0', fraction] = written.split('.');
  const integer = whole.length > 12 ? digitByDigit(whole) : chineseCardinal(Number(whole));
  return fraction ? `${integer}点${digitByDigit(fraction)}` : integer;
}

const UNITS: Array<[RegExp, string]> = [
  [/℃|°C/g, '摄氏度'],
  [/m³\/s|m3\/s/g, '立方米每秒'],
  [/km\/h/gi, '公里每小时'],
  [/m\/s/g, '米每秒'],
  [/mm/g, '毫米'],
  [/km/gi, '公里'],
  [/°/g, '度'],
];

/** The text with every number written out in Chinese characters, as a person reading it aloud would say it. */
export function readNumbersAloud(text: string): string {
  let out = text;
  // Telephone numbers and hotlines: digit by digit, 1 as 幺.
  out = out.replace(/(?:拨打|电话|热线|号码|联系|致电)[^\d，。；]{0,4}([\d-]{3,})/g, (match: string, number: string) =>
    match.replace(number, digitByDigit(number.replace(/-/g, ''), PHONE_DIGITS)),
  );
  out = out.replace(/0\d{2,3}-\d{7,8}|1[3-9]\d{9}|\d{7,}/g, (number) => digitByDigit(number.replace(/-/g, ''), PHONE_DIGITS));
  // Years: 2026年 → 二零二六年.
  out = out.replace(/(\d{4})年/g, (_, year: string) => `${digitByDigit(year)}年`);
  // Clock times: 14:30 → 十四点三十分, 8:05 → 八点零五分, 14:00 → 十四点整.
  out = out.replace(/(\d{1,2})[:：](\d{2})/g, (_, hours: string, minutes: string) => {
    const h = chineseCardinal(Number(hours));
    if (minutes === '00') return `${h}点整`;
    return `${h}点${minutes.startsWith('0') ? '零' : ''}${chineseCardinal(Number(minutes))}分`;
  });
  out = out.replace(/(\d+(?:\.\d+)?)\s*[%％]/g, (_, n: string) => `百分之${readNumber(n)}`);
  // Ranges: 50-80毫米 → 五十到八十毫米.
  out = out.replace(/(\d)\s*[-~～—至]\s*(?=\d)/g, '$1到');
  for (const [pattern, words] of UNITS) out = out.replace(pattern, words);
  return out.replace(/\d+(?:\.\d+)?/g, (n) => readNumber(n));
}

// Pauses: espeak-ng pauses at ',' and ends a sentence at '.'.
const PAUSES: Array<[RegExp, string]> = [
  [/[。！？!?；;…]+/g, '.'],
  [/[，、：:,（）()【】\[\]《》〈〉「」『』“”"‘’'—\n\r\t]+/g, ','],
];

/** Numbered pinyin for espeak-ng `-v cmn-latn-pinyin`: `bao4 yu3 hong2 se4 yu4 jing3, qing3 ...` (neutral tone 5). */
export function speakablePinyin(text: string): string {
  const syllables = pinyin(readNumbersAloud(text), { toneType: 'num', type: 'array', nonZh: 'consecutive' });
  const spoken = syllables.map((s) => (/^[a-zü]+[0-5]$/.test(s) ? s.replace(/0$/, '5') : s)).join(' ');
  let out = spoken;
  for (const [pattern, pause] of PAUSES) out = out.replace(pattern, ` ${pause} `);
  return out
    .replace(/[^a-zA-Zü0-9,. ]+/g, ' ') // symbols the voice would spell out
    .replace(/\s+([,.])/g, '$1')
    .replace(/([,.])(?:\s*[,.])+/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.]+/, '')
    .trim();
}
