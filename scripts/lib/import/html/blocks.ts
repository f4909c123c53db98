import { normaliseLine } from "../normalise.ts";

/**
 * An element's text as a reader sees it laid out: one line per block
 * (paragraph, heading, list item, quotation, table row, a `<br>`-separated
 * line, text standing directly inside a `<div>`), inline elements run
 * together. A table row's cells are kept on one line, « | » between them.
 */

const BLOCKS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BR",
  "CAPTION",
  "DD",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TBODY",
  "TFOOT",
  "THEAD",
  "TR",
  "UL",
]);

/** Never text a reader sees. */
const SILENT = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "SVG",
  "svg",
  "IFRAME",
  "OBJECT",
]);

interface TextNode {
  nodeType: number;
  textContent: string | null;
}
interface ElementNode extends TextNode {
  tagName: string;
  firstChild: Node | null;
}
type Node = (TextNode | ElementNode) & { nextSibling: Node | null };

/**
 * With `marks`, each marked element reached records in `marked` how many lines
 * stand before it (the line it is inside of counted: an image inside a
 * paragraph stands after it). The lines are the same.
 */
export function blockLines(
  root: { firstChild: unknown },
  marks?: ReadonlySet<unknown>,
  marked?: Map<unknown, number>,
): string[] {
  const lines: string[] = [];
  let current = "";
  const flush = () => {
    const line = normaliseLine(current);
    if (line) lines.push(line);
    current = "";
  };
  // An explicit stack: a page nested thousands of elements deep must not overflow the call stack.
  const stack: { node: Node | null; block: boolean }[] = [
    { node: root.firstChild as Node | null, block: false },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: Node | null; block: boolean };
    const node = top.node;
    if (node === null) {
      stack.pop();
      if (top.block) flush();
      continue;
    }
    top.node = node.nextSibling;
    if (node.nodeType === 3) {
      current += node.textContent ?? "";
      continue;
    }
    if (node.nodeType !== 1) continue;
    if (marks?.has(node)) marked?.set(node, lines.length + (/\S/.test(current) ? 1 : 0));
    const tag = (node as ElementNode).tagName;
    if (SILENT.has(tag)) continue;
    if (tag === "TD" || tag === "TH") {
      if (/\S/.test(current)) current += " | ";
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    stack.push({ node: (node as ElementNode).firstChild, block });
  }
  flush();
  return lines;
}
