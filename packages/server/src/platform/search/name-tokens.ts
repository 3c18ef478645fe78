/**
 * The tokens of a name index (name-index.ts). A token is plain ASCII (a letter and hex code points), so neither
 * FTS5's tokenizer nor PostgreSQL's tsvector input changes, splits or stems it, whatever the name holds (spaces,
 * punctuation, CJK, characters outside the BMP).
 */

/** What SQLite's LIKE treats as equal: ASCII letters regardless of case. Character by character, so lengths hold. */
const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

const hex = (char: string) => char.codePointAt(0)!.toString(16).padStart(6, '0');
const pair = (a: string, b: string) => `b${hex(a)}${hex(b)}`;
const single = (a: string) => `u${hex(a)}`;

/** Every pair of adjacent characters in order (their positions make a phrase), then each distinct character. */
export function nameTokens(text: string): string[] {
  const chars = Array.from(fold(text));
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) pairs.push(pair(chars[i]!, chars[i + 1]!));
  return [...pairs, ...new Set(chars.map(single))];
}

/**
 * The index query for "contains q": the phrase of q's pairs, or q itself when it is one character; null for an empty
 * q. Given for both dialects (FTS5 MATCH syntax and tsquery syntax).
 */
export function nameQuery(q: string): { fts5: string; tsquery: string } | null {
  const chars = Array.from(fold(q));
  if (chars.length === 0) return null;
  if (chars.length === 1) return { fts5: single(chars[0]!), tsquery: `'${single(chars[0]!)}'` };
  const pairs = chars.slice(1).map((c, i) => pair(chars[i]!, c));
  return { fts5: `"${pairs.join(' ')}"`, tsquery: pairs.map((p) => `'${p}'`).join(' <-> ') };
}
