// Reading feed XML without trusting it: validate, parse to plain objects, and read nodes that may be missing or odd.
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** A parsed XML node as fast-xml-parser gives it: text, or an object of children and `@_` attributes. */
export type XmlNode = unknown;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // `arxiv:primary_category`, `opensearch:totalResults` and `dc:creator` read as their local names.
  removeNSPrefix: true,
  // Ids like 2406.10010 must stay text: as numbers they would lose their trailing zero.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Feeds carry numeric character references (&#233;); the parser decodes only the five XML entities otherwise.
  htmlEntities: true,
});

export type XmlReading = { root: Record<string, XmlNode> } | { problem: string; line: number };

/** The document as plain objects, or what is wrong with it (with the line) when it is not well-formed XML. */
export function readXml(text: string): XmlReading {
  if (!text.trim()) return { problem: "the document is empty", line: 1 };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { problem: `not well-formed XML: ${valid.err.msg}`, line: valid.err.line || 1 };
  }
  try {
    const root: unknown = parser.parse(text);
    if (!isRecord(root)) return { problem: "not an XML document", line: 1 };
    return { root };
  } catch (error) {
    return { problem: `not well-formed XML: ${(error as Error).message}`, line: 1 };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A child element that may occur once, many times, or not at all, as a list. */
export function children(node: XmlNode, name: string): XmlNode[] {
  if (!isRecord(node)) return [];
  const value = node[name];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first child element of that name, if any. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return children(node, name)[0];
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
  if (!isRecord(node)) return undefined;
  const value = node[`@_${name}`];
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

/** A non-negative integer read from element text, such as `opensearch:totalResults`. */
export function countOf(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
