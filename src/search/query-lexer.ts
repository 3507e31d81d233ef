// Splits a typed query into words, quoted phrases and key:value pieces, before any meaning is given.

export type Piece =
  | { kind: "word"; text: string; negated: boolean }
  | { kind: "phrase"; text: string; negated: boolean }
  | { kind: "pair"; key: string; value: string; negated: boolean };

// Chat clients turn straight quotes into curly ones, so every common quote mark opens and closes.
const QUOTES = new Set(['"', "“", "”", "„", "‟", "″", "«", "»"]);
const SPACE = /\s/;
const KEY = /^([A-Za-z]+):(.*)$/s;

function isQuote(char: string | undefined): boolean {
  return char !== undefined && QUOTES.has(char);
}

/** Reads up to the closing quote (or the end, when someone forgot it); returns the text and where to go on. */
function readQuoted(text: string, open: number): { body: string; next: number } {
  let end = open + 1;
  while (end < text.length && !isQuote(text[end])) end++;
  return { body: text.slice(open + 1, end), next: end + 1 };
}

function readRun(text: string, start: number): number {
  let end = start;
  while (end < text.length && !SPACE.test(text[end] as string) && !isQuote(text[end])) end++;
  return end;
}

/** The pieces of a query, in the order typed. Never throws; meaning (and errors) come later. */
export function lexQuery(text: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (SPACE.test(char)) {
      at++;
      continue;
    }
    const negated = char === "-" && isQuote(text[at + 1]);
    if (isQuote(char) || negated) {
      const { body, next } = readQuoted(text, negated ? at + 1 : at);
      pieces.push({ kind: "phrase", text: body, negated });
      at = next;
      continue;
    }
    const end = readRun(text, at);
    const run = text.slice(at, end);
    at = end;
    const neg = run.length > 1 && run.startsWith("-");
    const body = neg ? run.slice(1) : run;
    const pair = KEY.exec(body);
    if (pair && pair[2] === "" && isQuote(text[end])) {
      // key:"a quoted value"
      const { body: value, next } = readQuoted(text, end);
      pieces.push({ kind: "pair", key: pair[1] as string, value, negated: neg });
      at = next;
    } else if (pair && pair[2] !== "") {
      pieces.push({ kind: "pair", key: pair[1] as string, value: pair[2] as string, negated: neg });
    } else {
      pieces.push({ kind: "word", text: body, negated: neg });
    }
  }
  return pieces;
}
