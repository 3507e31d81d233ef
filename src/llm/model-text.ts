// What the model wrote, made fit to show: one paragraph, no control characters, within a length.

/** Cuts at a word boundary and marks the cut, so a capped text never ends mid-word. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // Room for the ellipsis, and never half of a surrogate pair.
  const head = text.slice(0, Math.max(0, maxChars - 1)).replace(/[\uD800-\uDBFF]$/, "");
  const space = head.lastIndexOf(" ");
  return `${(space > maxChars / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/**
 * The model's text as plain prose: control and zero-width characters gone, whitespace collapsed, a
 * leading "TL;DR:" label and wrapping quotes dropped, capped at `maxChars`. Mentions and markup are
 * left to the renderers, which escape this text exactly as they escape paper text.
 */
export function cleanModelText(text: string, maxChars: number): string {
  const plain = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, " ")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^(?:\*\*)?tl;?dr(?:\*\*)?\s*[:：-]\s*/i, "")
    .replace(/^["“«„](.*)["”»“]$/, "$1")
    .trim();
  return capText(plain, maxChars);
}
