/**
 * A small indenting XML writer for the documents this folder produces (CAP alerts and Atom feeds). Element order is
 * the caller's, so a schema's sequence is written exactly as the caller lists it.
 */

// XML 1.0 cannot carry these control characters at all, not even as character references; they mean nothing in a
// warning text, so they are dropped rather than making the whole document unreadable.
const NOT_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXmlText(text: string): string {
  return (
    text
      .replace(NOT_XML_CHARS, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // A raw CR would be normalised to LF by every reader; a character reference keeps it.
      .replace(/\r/g, '&#13;')
  );
}

function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** xs:decimal / xs:integer text: plain digits, never the exponent form `String()` gives for very large or small numbers. */
export function decimalText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const plain = String(value);
  return /e/i.test(plain) ? value.toFixed(12).replace(/\.?0+$/, '') : plain;
}

type Attributes = Record<string, string>;

export class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;

  open(name: string, attributes: Attributes = {}): this {
    this.lines.push(`${this.indent()}<${name}${attributeText(attributes)}>`);
    this.depth += 1;
    return this;
  }

  close(name: string): this {
    this.depth -= 1;
    this.lines.push(`${this.indent()}</${name}>`);
    return this;
  }

  /** `<name>value</name>`; nothing at all when the value is undefined (an optional element left out). */
  leaf(name: string, value: string | number | undefined, attributes: Attributes = {}): this {
    if (value === undefined) return this;
    const text = typeof value === 'number' ? decimalText(value) : escapeXmlText(value);
    this.lines.push(`${this.indent()}<${name}${attributeText(attributes)}>${text}</${name}>`);
    return this;
  }

  empty(name: string, attributes: Attributes): this {
    this.lines.push(`${this.indent()}<${name}${attributeText(attributes)}/>`);
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }
}

function attributeText(attributes: Attributes): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
    .join('');
}
