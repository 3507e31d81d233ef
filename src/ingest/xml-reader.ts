// One pass over feed XML that both checks it is well-formed and builds its plain-object tree.
//
// It replaces fast-xml-parser's validate-then-parse (two passes, the parser's own copying text a character at a
// time), which was four fifths of reading arXiv Atom (`node --cpu-prof`, 10,000 entries: validate 0.8 s and
// parse 3.0 s of parseArxivAtom's 5.0 s; this reader takes ~0.15 s for the same pages). The tree has the shape that parser gave with the options paperbot used (attributes as
// `@_name`, namespace prefixes dropped, values trimmed text, `#text` beside children or attributes, a repeated
// child as an array), so the feed readers did not change; tests/ingest/xml-reader.test.ts checks the two agree.
import { BadReference, decodeReferences } from "./xml-entities.js";

/** A node of the tree: text, or a record of children and `@_` attributes. */
export type XmlTree = string | XmlRecord | XmlTree[];
export interface XmlRecord {
  [name: string]: XmlTree;
}

/**
 * Elements handed over one by one as they close instead of being kept in the tree: a feed's entries, by the
 * local names of their path from the root (`["feed", "entry"]`). A reader can then turn each entry into a paper
 * while its tree is young garbage, rather than holding a 1,000-entry page's trees until the end (at 100,000
 * papers ~135 MB less promoted to the old generation, `node --trace-gc`), and `line` is the element's exact start
 * line, counted on demand.
 */
export interface XmlStream {
  path: readonly string[];
  each(value: XmlTree, line: () => number): void;
}

/** A well-formedness error: where it is (an offset while reading), and the line once `parseXmlTree` has counted it. */
export class XmlSyntaxError extends Error {
  line = 1;
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

interface Open {
  /** The name as written, which the closing tag must repeat. */
  raw: string;
  /** The name without its namespace prefix, the key in the parent. */
  name: string;
  at: number;
  attributes: XmlRecord | undefined;
  children: XmlRecord | undefined;
  text: string;
  /** Set when the start tag ended in `/>`. */
  empty: boolean;
}

function open(raw: string, at: number): Open {
  return {
    raw,
    name: localName(raw),
    at,
    attributes: undefined,
    children: undefined,
    text: "",
    empty: false,
  };
}

const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** XML name characters, simplified: ASCII letters, `_`, `:`, and anything past ASCII may start a name. */
function isNameStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 58 || code >= 128
  );
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}

/** `arxiv:primary_category` → `primary_category`: feeds are read by local names. */
function localName(raw: string): string {
  const colon = raw.indexOf(":");
  return colon === -1 ? raw : raw.slice(colon + 1);
}

function nameEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && isNameChar(text.charCodeAt(at))) at++;
  return at;
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** `value` (which starts at `offset` in the text) with its references decoded. */
function decoded(value: string, offset: number): string {
  if (!value.includes("&")) return value;
  try {
    return decodeReferences(value);
  } catch (error) {
    if (error instanceof BadReference) throw new XmlSyntaxError(error.message, offset + error.at);
    throw error;
  }
}

/** Adds a finished element's value under its name; a second child of the same name turns the entry into a list. */
function addChild(parent: Open, name: string, value: XmlTree): void {
  if (parent.children === undefined) parent.children = {};
  // Plain objects (null-prototype ones are dictionaries, slow to build): inherited names are not children.
  const existing = Object.hasOwn(parent.children, name) ? parent.children[name] : undefined;
  if (existing === undefined) parent.children[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent.children[name] = [existing, value];
}

/** An element's value: its text alone when it has neither children nor attributes, a record otherwise. */
function treeValue(element: Open): XmlTree {
  const { attributes, children, text } = element;
  if (children === undefined) {
    if (attributes === undefined) return text;
    if (text !== "") attributes["#text"] = text;
    return attributes;
  }
  if (attributes !== undefined) Object.assign(children, attributes);
  if (text !== "") children["#text"] = text;
  return children;
}

/**
 * Reads a start tag's attributes from `from` up to its `>` or `/>`, and returns where the tag ends (`empty` is
 * set for `/>`). `xmlns` declarations are dropped, like namespace prefixes.
 */
function readAttributes(text: string, from: number, element: Open): number {
  let at = from;
  let names: string[] | undefined;
  for (;;) {
    const spaced = at;
    at = skipSpaces(text, at);
    const code = text.charCodeAt(at);
    if (code === GT) return at + 1;
    if (code === SLASH) {
      if (text.charCodeAt(at + 1) !== GT)
        throw new XmlSyntaxError(`tag <${element.raw}> has a stray "/"`, at);
      element.empty = true;
      return at + 2;
    }
    if (at >= text.length)
      throw new XmlSyntaxError(`tag <${element.raw}> is not closed with ">"`, element.at);
    if (!isNameStart(code) || at === spaced) {
      throw new XmlSyntaxError(`tag <${element.raw}> has an unexpected "${text[at]}"`, at);
    }
    const nameStart = at;
    at = nameEnd(text, at);
    const raw = text.slice(nameStart, at);
    at = skipSpaces(text, at);
    if (text.charCodeAt(at) !== EQUALS) {
      throw new XmlSyntaxError(`attribute "${raw}" of <${element.raw}> has no value`, nameStart);
    }
    at = skipSpaces(text, at + 1);
    const quote = text.charCodeAt(at);
    if (quote !== QUOTE && quote !== APOSTROPHE) {
      throw new XmlSyntaxError(`attribute "${raw}" of <${element.raw}> has an unquoted value`, at);
    }
    const close = text.indexOf(quote === QUOTE ? '"' : "'", at + 1);
    if (close === -1)
      throw new XmlSyntaxError(`attribute "${raw}" of <${element.raw}> has an open quote`, at);
    const valueStart = at + 1;
    const rawValue = text.slice(valueStart, close);
    if (rawValue.includes("<"))
      throw new XmlSyntaxError(`attribute "${raw}" of <${element.raw}> contains "<"`, at);
    at = close + 1;
    if (names?.includes(raw))
      throw new XmlSyntaxError(`attribute "${raw}" of <${element.raw}> is repeated`, nameStart);
    if (names === undefined) names = [raw];
    else names.push(raw);
    if (raw === "xmlns" || raw.startsWith("xmlns:")) continue;
    if (element.attributes === undefined) element.attributes = {};
    // `a:x` and `b:x` are both `@_x`: the last one is kept, as fast-xml-parser did.
    element.attributes[`@_${localName(raw)}`] = decoded(rawValue.trim(), valueStart);
  }
}

/** The 1-based line of an offset: counted only when an error needs it. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) line++;
  return line;
}

/**
 * The document's tree: a record holding the root element under its local name. Throws `XmlSyntaxError` at the
 * first thing that makes the text not well-formed XML (unclosed or mismatched tags, bad attributes, a bare `&`,
 * text outside the root element, a second root, a document that ends early).
 */
export function parseXmlTree(input: string, stream?: XmlStream): XmlRecord {
  const unmarked = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // XML reads every line break as "\n" (so did fast-xml-parser); one search when there is none to change.
  const text = unmarked.includes("\r") ? unmarked.replace(/\r\n?/g, "\n") : unmarked;
  try {
    return new DocumentReader(text, stream).read();
  } catch (error) {
    // Counted in the text that was read, whose offsets the error has; only an error pays for counting.
    if (error instanceof XmlSyntaxError) error.line = lineAt(text, error.at);
    throw error;
  }
}

/** The state of one pass: open elements, and text read since the last tag (a comment does not end it). */
class DocumentReader {
  private readonly document = open("", 0);
  private readonly stack: Open[] = [];
  private seenRoot = false;
  private pending = "";
  private pendingAt = 0;
  /** Where line counting got to: streamed elements ask in document order, so counting goes on from there. */
  private counted = { at: 0, line: 1 };

  constructor(
    private readonly text: string,
    private readonly stream: XmlStream | undefined,
  ) {}

  read(): XmlRecord {
    const { text } = this;
    let at = 0;
    while (at < text.length) {
      const lt = text.indexOf("<", at);
      const textEnd = lt === -1 ? text.length : lt;
      if (textEnd > at) this.addText(at, textEnd);
      if (lt === -1) break;
      const next = text.charCodeAt(lt + 1);
      if (next === BANG && text.startsWith("<!--", lt)) {
        at = this.skipComment(lt);
        continue;
      }
      this.flushText();
      if (next === SLASH) at = this.closeTag(lt);
      else if (next === BANG) at = this.readMarkup(lt);
      else if (next === QUESTION) at = this.readInstruction(lt);
      else at = this.openTag(lt);
    }
    this.flushText();
    const unclosed = this.stack[this.stack.length - 1];
    if (unclosed) throw new XmlSyntaxError(`the document ends inside <${unclosed.raw}>`, unclosed.at);
    if (!this.seenRoot) throw new XmlSyntaxError("the document has no root element", 0);
    return this.document.children ?? {};
  }

  private get current(): Open | undefined {
    return this.stack[this.stack.length - 1];
  }

  private addText(start: number, end: number): void {
    if (this.pending === "") this.pendingAt = start;
    this.pending += this.text.slice(start, end);
  }

  /** Text between tags: trimmed and decoded inside an element; outside the root element only spaces may appear. */
  private flushText(): void {
    const segment = this.pending;
    if (segment === "") return;
    this.pending = "";
    const trimmed = segment.trim();
    if (trimmed === "") return;
    const current = this.current;
    const offset = this.pendingAt + segment.length - segment.trimStart().length;
    if (current === undefined) {
      throw new XmlSyntaxError(
        this.seenRoot ? "text after the root element" : "text before the root element",
        offset,
      );
    }
    current.text += decoded(trimmed, offset);
  }

  private skipComment(at: number): number {
    const end = this.text.indexOf("-->", at + 4);
    if (end === -1) throw new XmlSyntaxError("a comment is not closed", at);
    // A reference cut by a comment (`R&am<!-- -->p;`) is no reference: each piece must be whole.
    if (this.pending.includes("&")) decoded(this.pending, this.pendingAt);
    return end + 3;
  }

  private openTag(lt: number): number {
    const { text } = this;
    if (!isNameStart(text.charCodeAt(lt + 1))) throw new XmlSyntaxError(`a "<" that starts no tag`, lt);
    if (this.stack.length === 0 && this.seenRoot) throw new XmlSyntaxError("a second root element", lt);
    const nameEndAt = nameEnd(text, lt + 1);
    const element = open(text.slice(lt + 1, nameEndAt), lt);
    // fast-xml-parser refused this name too: as a key it would set the record's prototype.
    if (element.name === "__proto__") throw new XmlSyntaxError("an element named __proto__", lt);
    const end = readAttributes(text, nameEndAt, element);
    this.seenRoot = true;
    if (element.empty) this.finish(element);
    else this.stack.push(element);
    return end;
  }

  /** Reads `</name>`, checks it closes the innermost open element, and hangs that element on its parent. */
  private closeTag(at: number): number {
    const { text, stack } = this;
    const afterName = nameEnd(text, at + 2);
    const raw = text.slice(at + 2, afterName);
    const gt = skipSpaces(text, afterName);
    if (raw === "" || text.charCodeAt(gt) !== GT) throw new XmlSyntaxError("a closing tag is malformed", at);
    const element = stack.pop();
    if (element === undefined) throw new XmlSyntaxError(`closing tag </${raw}> has no opening tag`, at);
    if (element.raw !== raw) {
      const opened = lineAt(text, element.at);
      throw new XmlSyntaxError(
        `expected </${element.raw}> (opened on line ${opened}) but found </${raw}>`,
        at,
      );
    }
    this.finish(element);
    return gt + 1;
  }

  /** A closed element goes to the stream when its path is the streamed one, into its parent otherwise. */
  private finish(element: Open): void {
    if (this.isStreamed(element)) {
      this.stream?.each(treeValue(element), () => this.lineOf(element.at));
      return;
    }
    addChild(this.current ?? this.document, element.name, treeValue(element));
  }

  private isStreamed(element: Open): boolean {
    const path = this.stream?.path;
    if (path === undefined || path.length !== this.stack.length + 1) return false;
    if (path[path.length - 1] !== element.name) return false;
    return this.stack.every((open, depth) => open.name === path[depth]);
  }

  private lineOf(at: number): number {
    if (at < this.counted.at) this.counted = { at: 0, line: 1 };
    let { line } = this.counted;
    const { text } = this;
    for (let nl = text.indexOf("\n", this.counted.at); nl !== -1 && nl < at; nl = text.indexOf("\n", nl + 1))
      line++;
    this.counted = { at, line };
    return line;
  }

  /** `<![CDATA[ ]]>` and `<!DOCTYPE >`: returns where the construct ends. */
  private readMarkup(at: number): number {
    const { text } = this;
    const current = this.current;
    if (text.startsWith("<![CDATA[", at)) {
      const end = text.indexOf("]]>", at + 9);
      if (end === -1) throw new XmlSyntaxError("a CDATA section is not closed", at);
      if (current === undefined) throw new XmlSyntaxError("a CDATA section outside the root element", at);
      // CDATA is text as written: neither trimmed nor decoded.
      current.text += text.slice(at + 9, end);
      return end + 3;
    }
    if (text.startsWith("<!DOCTYPE", at) && current === undefined && !this.seenRoot) {
      // An internal subset in brackets may itself contain ">".
      const bracket = text.indexOf("[", at);
      const close = text.indexOf(">", at);
      if (close === -1) throw new XmlSyntaxError("the DOCTYPE is not closed", at);
      if (bracket === -1 || bracket > close) return close + 1;
      const subsetEnd = text.indexOf("]", bracket);
      const end = subsetEnd === -1 ? -1 : text.indexOf(">", subsetEnd);
      if (end === -1) throw new XmlSyntaxError("the DOCTYPE is not closed", at);
      return end + 1;
    }
    throw new XmlSyntaxError(`unexpected markup "${text.slice(at, at + 12)}"`, at);
  }

  /** A processing instruction (`<?xml version="1.0"?>` and the like) is skipped; the declaration must come first. */
  private readInstruction(at: number): number {
    const { text } = this;
    const end = text.indexOf("?>", at + 2);
    if (end === -1) throw new XmlSyntaxError("a processing instruction is not closed", at);
    const target = text.slice(at + 2, nameEnd(text, at + 2));
    if (target.toLowerCase() === "xml" && text.slice(0, at).trim() !== "") {
      throw new XmlSyntaxError("the XML declaration is allowed only at the start of the document", at);
    }
    return end + 2;
  }
}
