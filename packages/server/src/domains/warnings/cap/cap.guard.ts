import type { CapError } from '@yingji/contracts/cap.ts';
import { XMLValidator } from 'fast-xml-parser';

/**
 * The checks every CAP or Atom document passes before any XML parser sees it.
 *
 * Size: a real CAP alert is a few kB; one with a detailed county polygon some tens of kB. 1 MiB leaves ample room and
 * still bounds the memory and CPU an outside sender can make us spend (xmllint and the parser both hold the whole
 * document).
 */
export const CAP_MAX_BYTES = 1024 * 1024;

/**
 * CAP needs no DTD, so any DOCTYPE or ENTITY declaration is refused outright: that closes entity expansion
 * (billion laughs) and external entities (XXE, local file or network reads) whatever parser runs later.
 */
const DECLARATIONS = /<!(DOCTYPE|ENTITY)/i;

/** The text as the parsers should see it: no byte-order mark, and an encoding declaration that matches (it is decoded). */
export function prepareXml(xml: string): string {
  const text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  // The string is already decoded; a declaration naming GB2312 or similar would make xmllint decode it a second time.
  return text.replace(/^(<\?xml[^?]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** Size, declarations and well-formedness, in that order; an empty list means the document may be parsed. */
export function xmlGuardErrors(xml: string, maxBytes: number = CAP_MAX_BYTES): CapError[] {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) return [{ message: `文档过大：${bytes} 字节，上限 ${maxBytes} 字节` }];
  if (xml.trim() === '') return [{ message: '文档为空，不是 XML' }];
  const declaration = DECLARATIONS.exec(xml);
  if (declaration) {
    return [
      {
        line: lineAt(xml, declaration.index),
        message: `文档含 <!${declaration[1]!.toUpperCase()}> 声明：CAP 不使用 DTD，为防实体扩展（billion laughs）和外部实体（XXE）攻击，拒绝接收`,
      },
    ];
  }
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    return [{ line: wellFormed.err.line, message: `不是格式正确的 XML：${wellFormed.err.msg}` }];
  }
  return [];
}
