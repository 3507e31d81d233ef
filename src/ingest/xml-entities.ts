// Character and entity references in feed text (`&amp;`, `&#233;`, `&eacute;`-style names): decoded, or refused when malformed.

/**
 * The XML entities and the HTML names feeds actually use, the same set fast-xml-parser decodes with
 * `htmlEntities: true`; any other well-formed `&name;` is kept as written, as it did.
 */
const NAMED = new Map<string, string>(
  Object.entries({
    amp: "&",
    lt: "<",
    gt: ">",
    quot: '"',
    apos: "'",
    nbsp: "\u00a0",
    copy: "\u00a9",
    reg: "\u00ae",
    trade: "\u2122",
    mdash: "\u2014",
    ndash: "\u2013",
    hellip: "\u2026",
    laquo: "\u00ab",
    raquo: "\u00bb",
    lsquo: "\u2018",
    rsquo: "\u2019",
    ldquo: "\u201c",
    rdquo: "\u201d",
    bull: "\u2022",
    para: "\u00b6",
    sect: "\u00a7",
    deg: "\u00b0",
    frac12: "\u00bd",
    frac14: "\u00bc",
    frac34: "\u00be",
    cent: "\u00a2",
    pound: "\u00a3",
    yen: "\u00a5",
    euro: "\u20ac",
  }),
);

/** A reference's body between `&` and `;`: a decimal or hex character number, or a name. */
const REFERENCE = /^(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|([A-Za-z_][\w.-]{0,31}))$/;
/** How far to look for the `;` that ends a reference; longer ones are not references. */
const MAX_REFERENCE = 40;

/** Where a malformed reference starts (an offset into the decoded string), for the caller's error. */
export class BadReference extends Error {
  constructor(readonly at: number) {
    super(`an "&" that starts no character or entity reference (write "&amp;" for "&")`);
  }
}

function codePoint(digits: string, radix: number, at: number): string {
  const value = Number.parseInt(digits, radix);
  // XML allows no reference to NUL, surrogates or values past Unicode.
  if (value === 0 || (value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) throw new BadReference(at);
  return String.fromCodePoint(value);
}

/** `text` with its references decoded. Throws `BadReference` at a bare or malformed `&`. */
export function decodeReferences(text: string): string {
  let amp = text.indexOf("&");
  if (amp === -1) return text;
  let out = "";
  let from = 0;
  while (amp !== -1) {
    const semi = text.indexOf(";", amp + 1);
    if (semi === -1 || semi - amp > MAX_REFERENCE) throw new BadReference(amp);
    const match = REFERENCE.exec(text.slice(amp + 1, semi));
    if (!match) throw new BadReference(amp);
    const [, decimal, hex, name] = match;
    let value: string;
    if (decimal !== undefined) value = codePoint(decimal, 10, amp);
    else if (hex !== undefined) value = codePoint(hex, 16, amp);
    else value = NAMED.get(name as string) ?? text.slice(amp, semi + 1);
    out += text.slice(from, amp) + value;
    from = semi + 1;
    amp = text.indexOf("&", from);
  }
  return out + text.slice(from);
}
