import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  flat,
  html,
  jsonForScript,
  raw,
  xmlText,
} from "../../scripts/lib/site/html.ts";

describe("html templates", () => {
  it("escape any text in element content and in attributes", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 80 }),
        fc.string({ maxLength: 40 }),
        (text, attr) => {
          const fragment = String(html`<p title="${attr}" data-x='${attr}'>${text}</p>`);
          const { document } = parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
          const elements = document.body.querySelectorAll("*");
          expect(elements.length).toBe(1);
          const p = elements[0];
          expect(p?.tagName).toBe("P");
          expect(p?.textContent).toBe(xmlText(text).replace(/\r\n?/g, "\n"));
          expect(p?.getAttribute("title")).toBe(xmlText(attr).replace(/\r\n?/g, "\n"));
          expect(p?.getAttribute("data-x")).toBe(xmlText(attr).replace(/\r\n?/g, "\n"));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("leave out what XML cannot hold, so a feed stays well-formed whatever a title has", () => {
    expect(escapeHtml("عنوان\uFFFF مع\uFFFE رموز\u0001 و\uD800 فاصل\tسليم")).toBe(
      "عنوان مع رموز و فاصل\tسليم",
    );
    // Pairs are kept: an emoji is two surrogates.
    expect(escapeHtml("😀 & 𠀀")).toBe("😀 &amp; 𠀀");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const out = escapeHtml(text);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids
        const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;
        const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
        expect(out).not.toMatch(forbidden);
        expect(out).not.toMatch(lone);
        // …and only that: everything else comes back as it was.
        const back = out
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, "&");
        expect(back).toBe(text.replace(lone, "").replace(forbidden, ""));
      }),
      { numRuns: 2000 },
    );
  });

  it("nest templates and lists without escaping them twice", () => {
    const items = ["<a>", "b&c"].map((x) => html`<li>${x}</li>`);
    expect(String(html`<ul>${items}</ul>`)).toBe("<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul>");
  });

  it("insert trusted markup only through raw()", () => {
    expect(String(html`<div>${raw("<p>ok</p>")}${"<p>no</p>"}</div>`)).toBe(
      "<div><p>ok</p>&lt;p&gt;no&lt;/p&gt;</div>",
    );
  });

  it("render nothing for null, undefined and booleans", () => {
    expect(String(html`[${null}${undefined}${false}${true}]`)).toBe("[]");
  });

  it("escape all five HTML-significant characters", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });

  it("keep JSON for script blocks from closing the script", () => {
    expect(String(jsonForScript({ headline: "</script><script>alert(1)</script>" }))).not.toContain(
      "</script>",
    );
  });

  it("flatten a page put together piece by piece into the same text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 30 }), { maxLength: 60 }),
        (parts) => {
          // Concatenated one piece at a time, as html`` puts a page together.
          let rope = "";
          for (const part of parts) rope += String(html`<p>${part}</p>`);
          const joined = parts.map((part) => String(html`<p>${part}</p>`)).join("");
          expect(flat(rope)).toBe(joined);
          expect(flat(rope).length).toBe(joined.length);
        },
      ),
    );
  });
});
