// Splits a command's arguments into words, keeping a "quoted phrase" (straight or curly quotes) as one.

const OPEN = new Set(['"', "“", "”", "„"]);
const CLOSE = new Set(['"', "“", "”"]);

/**
 * `09:00 "speculative decoding" moe` → ["09:00", "speculative decoding", "moe"]. Inside quotes, runs
 * of spaces become one; a quote left open runs to the end; empty quotes give nothing; a minus just
 * before the quote stays in front (`-"computer vision"` → "-computer vision"). Chat clients turn
 * typed quotes into curly ones, so both kinds open and close a phrase.
 */
export function quotedWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let minus = "";
  let quoted = false;
  const flush = () => {
    const word = quoted ? current.trim().split(/\s+/).join(" ") : current;
    if (word.length > 0) words.push(minus + word);
    current = "";
    minus = "";
  };
  for (const char of text) {
    if (quoted && CLOSE.has(char)) {
      flush();
      quoted = false;
    } else if (!quoted && OPEN.has(char) && (current === "" || current === "-")) {
      minus = current;
      current = "";
      quoted = true;
    } else if (!quoted && /\s/.test(char)) {
      flush();
    } else {
      current += char;
    }
  }
  if (quoted || current !== "") flush();
  else if (minus !== "") words.push(minus);
  return words;
}
