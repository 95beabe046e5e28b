/**
 * Excerpts for evidence: the part of a long text that matters, with a length cap. Evidence is
 * copied into every finding, so a 7 000-term build constraint or a 15 000-entry PATH must not be
 * copied whole into each of thousands of findings (that ends in "Invalid string length"). Every
 * rule that quotes input text goes through here.
 */

/** Characters of evidence text at most (the marks `…` included). */
export const EXCERPT_MAX_CHARS = 240;
export const ELLIPSIS = '…';

/**
 * `text` when it is short; otherwise the window of at most `maxChars` characters around
 * `[start, end)` (the part that matters), with `…` where text was cut. The focus itself is cut
 * when it alone is longer than the cap. Never splits a UTF-16 surrogate pair.
 */
export function excerptAround(text: string, start = 0, end = start, maxChars = EXCERPT_MAX_CHARS): string {
  if (text.length <= maxChars) return text;
  const budget = Math.max(1, maxChars - 2 * ELLIPSIS.length);
  const from = Math.min(Math.max(0, start), text.length);
  const to = Math.min(Math.max(from, end), text.length);
  let left: number;
  let right: number;
  if (to - from >= budget) {
    left = from;
    right = from + budget;
  } else {
    const spare = budget - (to - from);
    left = Math.max(0, from - Math.floor(spare / 2));
    right = Math.min(text.length, left + budget);
    left = Math.max(0, right - budget);
  }
  // Never cut between the halves of a surrogate pair (the window only shrinks).
  if (isLowSurrogate(text, left)) left++;
  if (isLowSurrogate(text, right)) right--;
  return `${left > 0 ? ELLIPSIS : ''}${text.slice(left, right)}${right < text.length ? ELLIPSIS : ''}`;
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff;
}

/**
 * A list joined by `separator` (PATH by `:`), cut around item `focus` (or the start) when the
 * whole would be longer than `maxChars`, saying how many items were left out on each side.
 */
export function excerptList(items: readonly string[], separator: string, focus?: number, maxChars = EXCERPT_MAX_CHARS * 4): string {
  let total = 0;
  for (let i = 0; i < items.length && total <= maxChars + separator.length; i++) total += items[i]!.length + separator.length;
  if (total <= maxChars + separator.length) return items.join(separator);
  const at = focus === undefined ? 0 : Math.min(Math.max(0, focus), items.length - 1);
  // A long item is shown cut to EXCERPT_MAX_CHARS (excerptAround's output is then exactly that long).
  const shownLength = (i: number) => Math.min(items[i]!.length, EXCERPT_MAX_CHARS);
  let first = at;
  let last = at;
  let length = shownLength(at);
  // Grow the window one item at a time, alternating sides, while it fits.
  for (let grew = true; grew; ) {
    grew = false;
    if (last + 1 < items.length && length + separator.length + shownLength(last + 1) <= maxChars) {
      last++;
      length += separator.length + shownLength(last);
      grew = true;
    }
    if (first > 0 && length + separator.length + shownLength(first - 1) <= maxChars) {
      first--;
      length += separator.length + shownLength(first);
      grew = true;
    }
  }
  const parts: string[] = [];
  if (first > 0) parts.push(`${ELLIPSIS}(${first} more)`);
  for (let i = first; i <= last; i++) parts.push(excerptAround(items[i]!, 0, 0, EXCERPT_MAX_CHARS));
  if (last < items.length - 1) parts.push(`(${items.length - 1 - last} more)${ELLIPSIS}`);
  return parts.join(separator);
}
