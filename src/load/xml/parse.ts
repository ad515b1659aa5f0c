/**
 * Safe XML reading for OCR formats (ALTO, hOCR): bytes → a small ordered element tree.
 *
 * Security: OCR files come from anywhere. Entity declarations are refused before any parsing (a
 * "billion laughs" file is turned down in a linear scan), fast-xml-parser's own entity processing is
 * off, and references are decoded here: the five XML built-ins and numeric references (`&#233;`,
 * `&#xE9;`), plus `&nbsp;` (common in HTML-form hOCR). Other named references are left as written.
 *
 * The tree keeps document order (fast-xml-parser `preserveOrder`): ALTO interleaves TextBlock,
 * ComposedBlock and Illustration under one parent and hOCR nests divs, paragraphs and spans, so
 * grouping children by tag name (the parser's default) would lose the reading order.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { LoadError } from "../load-error.js";

export interface XmlElement {
  kind: "element";
  /** Local name, namespace prefix removed ("alto:String" → "String"). */
  name: string;
  /** Attributes by local name, references decoded. */
  attrs: ReadonlyMap<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  kind: "text";
  /** Text with references decoded (white space at both ends trimmed by the parser). */
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface ReadXmlOptions {
  /** What the caller expects, for error messages ("ALTO XML", "hOCR"). */
  expected: string;
  /** Accept HTML void elements written without a closing tag (`<meta …>`, `<br>`): hOCR saved as HTML. */
  html: boolean;
}

/** HTML elements that never have content; HTML (not XHTML) writes them without "/>". */
const HTML_VOID_ELEMENTS = ["meta", "link", "br", "img", "hr", "input", "area", "base", "col", "wbr", "param", "source"];
/**
 * Deepest element nesting accepted: ALTO reaches ~8 levels (alto/Layout/Page/PrintSpace/ComposedBlock/
 * TextBlock/TextLine/String), hOCR ~10; far deeper files are hostile or broken, not OCR output.
 */
const MAX_NESTING = 200;

const BUILT_IN_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes the XML built-in and numeric character references of a text or attribute value. */
export function decodeReferences(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/gu, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return BUILT_IN_ENTITIES[name] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
    // Out of range, surrogates and NUL are not characters: keep the reference as written.
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

/** The encoding named by the XML declaration, lowercased, or undefined. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/iu.exec(head)?.[1]?.toLowerCase();
}

function decode(bytes: Uint8Array, path: string, expected: string): string {
  const encoding = declaredEncoding(bytes);
  if (encoding === undefined || encoding === "utf-8" || encoding === "utf8") {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new LoadError(path, `Expected ${expected} in UTF-8 (as declared or by default), got invalid UTF-8 bytes`);
    }
  }
  if (encoding === "iso-8859-1" || encoding === "latin1" || encoding === "latin-1" || encoding === "windows-1252" || encoding === "cp1252") {
    return new TextDecoder(encoding === "windows-1252" || encoding === "cp1252" ? "windows-1252" : "latin1").decode(bytes);
  }
  throw new LoadError(path, `Expected ${expected} in UTF-8, ISO-8859-1 or Windows-1252, got encoding "${encoding}"`);
}

/** Gives HTML void elements an XML form: `<meta a="b">` → `<meta a="b"/>`. */
function closeVoidElements(xml: string): string {
  const names = HTML_VOID_ELEMENTS.join("|");
  return xml.replace(new RegExp(`<(${names})(\\s[^<>]*?)?\\s*(/?)>`, "giu"), (_whole, name: string, attrs: string | undefined) => `<${name}${attrs ?? ""}/>`).replace(new RegExp(`</(?:${names})\\s*>`, "giu"), "");
}

/** The validator reports unclosed elements as "Invalid '[ "alto", "Layout"]' found.": say what it means. */
function readableReason(msg: string): string {
  const unclosed = /^Invalid '(\[.*\])' found\.$/su.exec(msg)?.[1];
  if (unclosed === undefined) return msg;
  try {
    const names = JSON.parse(unclosed) as unknown;
    if (Array.isArray(names)) return `elements never closed (${names.map((n) => `<${String(n)}>`).join(", ")}): a truncated file?`;
  } catch {
    // Not the list we expected: the validator's own words.
  }
  return msg;
}

type RawNode = Record<string, unknown>;

function toNode(raw: RawNode, depth: number): XmlNode | undefined {
  if (depth > MAX_NESTING) throw new RangeError(`nesting deeper than ${MAX_NESTING} elements`);
  let tag: string | undefined;
  for (const key of Object.keys(raw)) if (key !== ":@") tag = key;
  if (tag === undefined) return undefined;
  const value = raw[tag];
  if (tag === "#text") return { kind: "text", text: decodeReferences(String(value)) };
  if (tag.startsWith("?") || tag.startsWith("!")) return undefined;
  const attrs = new Map<string, string>();
  const rawAttrs = raw[":@"];
  if (rawAttrs !== null && typeof rawAttrs === "object") {
    for (const [k, v] of Object.entries(rawAttrs as Record<string, unknown>)) attrs.set(k, decodeReferences(String(v)));
  }
  const children: XmlNode[] = [];
  if (Array.isArray(value)) {
    for (const child of value as RawNode[]) {
      const node = toNode(child, depth + 1);
      if (node !== undefined) children.push(node);
    }
  }
  return { kind: "element", name: tag, attrs, children };
}

/**
 * Reads an XML (or XHTML/HTML) file into its root element. Throws LoadError for empty files, files
 * declaring entities, malformed or truncated XML (with the parser's reason and line) and files
 * without a root element.
 */
export function readXml(bytes: Uint8Array, path: string, options: ReadXmlOptions): XmlElement {
  const { expected } = options;
  if (bytes.length === 0) throw new LoadError(path, `Expected ${expected}, got an empty file`);
  let xml = decode(bytes, path, expected).replace(/^\uFEFF/u, "");
  if (xml.trim() === "") throw new LoadError(path, `Expected ${expected}, got only white space`);
  // Before anything else parses the file: no entity declarations at all (entity expansion attacks).
  if (/<!ENTITY/iu.test(xml)) {
    throw new LoadError(path, `Expected ${expected} without entity declarations, got a DOCTYPE declaring entities (refused: entity expansion attacks)`);
  }
  if (options.html) xml = closeVoidElements(xml);
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: options.html });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new LoadError(path, `Expected well-formed ${expected}, got malformed XML at line ${line}, column ${col}: ${readableReason(msg)}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    allowBooleanAttributes: options.html,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    maxNestedTags: MAX_NESTING,
  });
  let raw: unknown;
  try {
    raw = parser.parse(xml);
  } catch (err) {
    throw new LoadError(path, `Expected well-formed ${expected}, got an XML parser error (${err instanceof Error ? err.message : String(err)})`);
  }
  const roots: XmlElement[] = [];
  try {
    for (const item of Array.isArray(raw) ? (raw as RawNode[]) : []) {
      const node = toNode(item, 0);
      if (node?.kind === "element") roots.push(node);
    }
  } catch (err) {
    throw new LoadError(path, `Expected ${expected}, got ${err instanceof Error ? err.message : String(err)}`);
  }
  const root = roots[0];
  if (root === undefined) throw new LoadError(path, `Expected ${expected}, got no root element`);
  return root;
}

/** Child elements, optionally only those with a local name (case-insensitive). */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const lower = name?.toLowerCase();
  return el.children.filter((c): c is XmlElement => c.kind === "element" && (lower === undefined || c.name.toLowerCase() === lower));
}

/** The first descendant element with this local name (case-insensitive), depth first. */
export function findElement(el: XmlElement, name: string): XmlElement | undefined {
  const lower = name.toLowerCase();
  for (const c of el.children) {
    if (c.kind !== "element") continue;
    if (c.name.toLowerCase() === lower) return c;
    const found = findElement(c, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The text content of an element and its descendants, text nodes joined by `separator` (none by default). */
export function textContent(el: XmlElement, separator = ""): string {
  return el.children.map((c) => (c.kind === "text" ? c.text : textContent(c, separator))).join(separator);
}

/** An attribute by name, case-insensitive (ALTO writers disagree on "WC" vs "wc"). */
export function attr(el: XmlElement, name: string): string | undefined {
  const exact = el.attrs.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [k, v] of el.attrs) if (k.toLowerCase() === lower) return v;
  return undefined;
}
