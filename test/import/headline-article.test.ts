import { describe, expect, it } from "vitest";
import type { El } from "../../scripts/lib/import/html/dom.ts";
import { parsePage } from "../../scripts/lib/import/html/dom.ts";
import { coverage, headlineArticle } from "../../scripts/lib/import/html/headline-article.ts";
import { BUDGET_STORY } from "../helpers/dumps.ts";

/**
 * The prose around a page's printed headline, against which Readability's
 * pick is checked: the smallest element around the headline that holds a
 * few paragraphs, counting only paragraphs a reader sees as the article's.
 */

const { headline: HEADLINE, paragraphs: P } = BUDGET_STORY;
const paragraphs = P.map((p) => `<p>${p}</p>`).join("");
const OTHER =
  "Today you can get the new laptop for far less at the web store, and the offer runs until Sunday night or while the stock lasts.";
const doc = (body: string) => parsePage(`<!DOCTYPE html><html><body>${body}</body></html>`);

describe("the article around the headline", () => {
  it("is the smallest element around the headline holding a few paragraphs", () => {
    const around = headlineArticle(
      doc(
        `<div class="page"><article><header><h1>${HEADLINE}</h1></header><div class="text">${paragraphs}</div></article><article><h1>Dockers wait for news</h1>${paragraphs}</article></div>`,
      ),
      HEADLINE,
    );
    expect(around?.paragraphs).toEqual(P);
    expect(around?.page().body?.firstElementChild?.tagName).toBe("ARTICLE");
  });

  it("is around the <h1> that prints the headline, not an <h2> teaser of the same story above it", () => {
    const around = headlineArticle(
      doc(
        `<div class="top-stories"><div class="story"><h2>${HEADLINE}</h2><p>${OTHER}</p></div>${[
          1, 2, 3, 4,
        ]
          .map((i) => `<div class="story"><h2>Story ${i}</h2><p>${OTHER}</p></div>`)
          .join("")}</div><article><h1>${HEADLINE}</h1>${paragraphs}</article>`,
      ),
      HEADLINE,
    );
    expect(around?.paragraphs).toEqual(P);
  });

  it("does not count hidden paragraphs, a sidebar's, teasers under another headline's link or links", () => {
    const around = headlineArticle(
      doc(
        `<div class="page"><h1>${HEADLINE}</h1>
<div class="flyout hide"><p>${OTHER} (hidden)</p></div>
<div class="text">${paragraphs}<p><a href="/other">${OTHER}</a></p></div>
<aside><p>${OTHER} (aside)</p></aside>
<div class="more"><div class="teaser"><h3><a href="/deal">A laptop at half price</a></h3><p>${OTHER} (teaser)</p></div></div></div>`,
      ),
      HEADLINE,
    );
    expect(around?.paragraphs).toEqual(P);
  });

  it("does not count the paragraphs of comments or an author box, unless the box holds the headline", () => {
    const comments = [1, 2, 3, 4, 5]
      .map((i) => `<li class="comment"><p>${OTHER} (comment ${i})</p></li>`)
      .join("");
    const menu = Array.from({ length: 120 }, (_, i) => `<li>Section ${i} of the site</li>`).join(
      "",
    );
    const around = headlineArticle(
      doc(
        `<ul class="menu">${menu}</ul><article><h1>${HEADLINE}</h1>${paragraphs}<div class="author-box"><p>${OTHER} (author)</p></div><ol class="comments">${comments}</ol></article>`,
      ),
      HEADLINE,
    );
    expect(around?.paragraphs).toEqual(P);
    const wrapped = headlineArticle(
      doc(
        `<ul class="menu">${menu}</ul><div class="post share-bar-on"><h1>${HEADLINE}</h1>${paragraphs}</div>`,
      ),
      HEADLINE,
    );
    expect(wrapped?.paragraphs).toEqual(P);
  });

  it("is none when the headline is printed in a menu, or not at all, or only the page holds prose", () => {
    expect(
      headlineArticle(doc(`<div><nav><h1>${HEADLINE}</h1>${paragraphs}</nav></div>`), HEADLINE),
    ).toBeUndefined();
    expect(headlineArticle(doc(`<div><h1>Another story</h1>${paragraphs}</div>`), HEADLINE)).toBe(
      undefined,
    );
    expect(headlineArticle(doc(`<h1>${HEADLINE}</h1>${paragraphs}`), HEADLINE)).toBeUndefined();
  });

  it("measures how much of its prose a pick holds", () => {
    const around = headlineArticle(doc(`<div><h1>${HEADLINE}</h1>${paragraphs}</div>`), HEADLINE);
    if (!around) throw new Error("no article around the headline");
    const pick = (html: string) => doc(`<div id="pick">${html}</div>`).getElementById("pick") as El;
    expect(coverage(around, pick(paragraphs))).toBe(1);
    expect(coverage(around, pick(`<p>${OTHER}</p>`))).toBe(0);
    expect(coverage(around, pick(`<p>${P[0]}</p><p>${P[1]}</p>`))).toBeCloseTo(0.5, 1);
  });
});
