/**
 * The LIKE pattern for "contains q", with LIKE's own wildcards removed from q: a search for "50%" finds names with
 * "50", and q is matched literally.
 */
export function likeText(q: string): string {
  return `%${likeLiteral(q)}%`;
}

/** q without LIKE's wildcards and escape character. */
export const likeLiteral = (q: string) => q.replace(/[%_\\]/g, '');
