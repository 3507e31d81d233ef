// Reading feed XML without trusting it: check and parse it in one pass, and read nodes that may be missing or odd.
import { parseXmlTree, type XmlStream, XmlSyntaxError } from "./xml-reader.js";

/** A parsed XML node: text, or a record of children and `@_` attributes (see xml-reader.ts). */
export type XmlNode = unknown;

export type XmlReading = { root: Record<string, XmlNode> } | { problem: string; line: number };

export type { XmlStream };

/**
 * The document as plain objects, or what is wrong with it (with the line) when it is not well-formed XML.
 * Elements on `stream`'s path are handed to it as they close and left out of the tree; when the document
 * turns out not to be well-formed, what the stream was given must be dropped.
 */
export function readXml(text: string, stream?: XmlStream): XmlReading {
  if (!text.trim()) return { problem: "the document is empty", line: 1 };
  try {
    return { root: parseXmlTree(text, stream) };
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    return { problem: `not well-formed XML: ${error.message}`, line: error.line };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A child element's value as the tree holds it: one value, a list of them, or undefined. */
function own(node: XmlNode, name: string): unknown {
  // Only own keys: a record is a plain object, and `constructor` is no child of an entry.
  return isRecord(node) && Object.hasOwn(node, name) ? node[name] : undefined;
}

/** A child element that may occur once, many times, or not at all, as a list. */
export function children(node: XmlNode, name: string): XmlNode[] {
  const value = own(node, name);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first child element of that name, if any (without building the list `children` would). */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = own(node, name);
  return Array.isArray(value) ? value[0] : (value ?? undefined);
}

/** An element's text: plain text, or the `#text` of an element that also has attributes. Empty when absent. */
export function textOf(node: XmlNode | undefined): string {
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (isRecord(node)) return textOf(node["#text"]);
  return "";
}

/** The text of the first child element of that name. */
export function childText(node: XmlNode, name: string): string {
  return textOf(child(node, name));
}

/** An attribute's value, when the element has it. */
export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = own(node, `@_${name}`);
  return typeof value === "string" ? value : undefined;
}

/**
 * The line each `<tag` element starts on, in document order, so a warning about the n-th entry can point at
 * its line. The parser keeps no positions; a tag name inside CDATA could shift this, which only makes a
 * warning's line number approximate.
 */
export function elementLines(text: string, tag: string): number[] {
  const lines: number[] = [];
  const pattern = new RegExp(`<(?:[A-Za-z][\\w.-]*:)?${tag}[\\s>/]`, "g");
  let line = 1;
  let scanned = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (let i = scanned; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = match.index;
    lines.push(line);
  }
  return lines;
}

/** The line of the `index`-th `<tag` element, found on first use: only a warning about an entry needs one. */
export function elementLineFinder(text: string, tag: string): (index: number) => number {
  let lines: number[] | undefined;
  return (index) => {
    lines ??= elementLines(text, tag);
    return lines[index] ?? 1;
  };
}

/** A non-negative integer read from element text, such as `opensearch:totalResults`. */
export function countOf(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
