import { describe, expect, it } from "vitest";
import { extractOne } from "../helpers/context.ts";
import { BUDGET_STORY } from "../helpers/dumps.ts";

/**
 * Saved pages: the article is found by what an element is and how much text
 * it holds, never lost to a class name; the headline is the one the page
 * prints; the date comes from wherever the page keeps it.
 */

const { paragraphs: P, lead: LEAD } = BUDGET_STORY;
const paragraphs = P.map((p) => `<p>${p}</p>`).join("\n");
const page = (body: string, head = "<title>Budget to be balanced next year | Daily Star</title>") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
/** A notice long enough for Readability to settle for when it has dropped the article. */
const cookies = `<div class="notice"><p>We use cookies to improve our website and your experience, to measure how our pages are read and to show you offers, and we share some of this with partners. By clicking «OK» you agree to our use of cookies for these purposes, as our privacy policy explains.</p></div>`;
const bodyOf = (html: string) => extractOne("page.html", html).article.body;

describe("the article in a saved page", () => {
  it.each([
    [
      "a page wrapped in one <form>",
      `<form id="aspnetForm"><h1>Budget to be balanced next year</h1>${paragraphs}</form>`,
    ],
    [
      "a <body> whose classes say share and newsletter",
      `<div class="share newsletter-signup page"><h1>Budget to be balanced next year</h1>${paragraphs}</div>`,
    ],
    [
      "a wrapper named for an advertisement",
      `<div class="m-advertisement-off-canvas--pusher"><main><h1>Budget to be balanced next year</h1>${paragraphs}</main></div>`,
    ],
    [
      "a post class naming an advertising category",
      `<article class="post category-news-advertising-platform"><h1>Budget to be balanced next year</h1>${paragraphs}</article>`,
    ],
    [
      "an <article> whose class says breadcrumb",
      `<article class="story url-breadcrumb"><h1>Budget to be balanced next year</h1>${paragraphs}</article>`,
    ],
  ])("is never lost to a class name: %s", (_name, body) => {
    expect(bodyOf(page(body))).toEqual(P);
  });

  it.each([
    [
      "a page wrapper named for a sticky sidebar and its header style, beside a cookie notice",
      `<div class="wrapper-boxed header-style-2"><div class="theiaStickySidebar"><article><h1>Budget to be balanced next year</h1>${paragraphs}</article></div></div>${cookies}`,
    ],
    [
      "the text column of a layout named for its sidebar, beside a disclosure box",
      `<div class="row fixed-sidebar-layout"><h1>Budget to be balanced next year</h1><div class="row fixed-sidebar-layout--left"><div class="col">${paragraphs}</div></div></div>${cookies}`,
    ],
  ])("is not dropped with a wrapper Readability reads as furniture: %s", (_name, body) => {
    expect(bodyOf(page(body))).toEqual(expect.arrayContaining(P));
  });

  it("keeps the lead printed in the article's header, between the headline and the text", () => {
    const body = bodyOf(
      page(
        `<header class="top"><span>Economy</span><h1>Budget to be balanced next year</h1><p class="date">12 March 2024</p><p class="standfirst">${LEAD}</p><p class="credit">Photo: A. Photographer / Agency</p></header><div class="story-text">${paragraphs}</div>`,
      ),
    );
    expect(body).toEqual([LEAD, ...P]);
  });

  it("keeps the lead under the copy of the headline the text follows, not a copy in the breadcrumbs", () => {
    const crumbs = ["Home", "Economy", "Budget to be balanced next year"]
      .map((c) => `<li><a href="/">${c}</a></li>`)
      .join("");
    const menu = ["Politics", "Economy", "Sport", "Culture", "Science", "Travel", "Weather"]
      .map((c) => `<li><span>${c}</span></li>`)
      .join("");
    const body = bodyOf(
      page(
        `<ol class="crumbs">${crumbs}</ol><ul class="sections">${menu}</ul><ul class="more">${menu}</ul><header class="top"><h1>Budget to be balanced next year</h1><p class="standfirst">${LEAD}</p></header><div class="story-text">${paragraphs}</div>`,
      ),
    );
    expect(body).toEqual([LEAD, ...P]);
  });

  it("keeps the lead under a headline set on two lines", () => {
    const body = bodyOf(
      page(
        `<header class="top"><h1>
<span>Budget to be balanced:</span><br>
<span>the plan for next year</span>
</h1><p class="standfirst">${LEAD}</p></header><div class="story-text">${paragraphs}</div>`,
        "<title>Budget to be balanced: the plan for next year</title>",
      ),
    );
    expect(body).toEqual([LEAD, ...P]);
  });

  it("finds the lead above the text's first lines of prose, past a notice of a few words the text opens with", () => {
    const body = bodyOf(
      page(
        `<div class="page"><p>Cookies</p><p>Skip to content</p><p>Skip to search</p><div class="page-header"><h1>Budget to be balanced next year</h1><p class="standfirst">${LEAD}</p></div>${paragraphs}</div>`,
      ),
    );
    expect(body).toContain(LEAD);
  });

  it("keeps a tweet quoted with its words, and drops an embed that is only a link", () => {
    const quoted = "The budget is a promise to the next generation, and we will keep it.";
    const body = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<blockquote class="twitter-tweet"><p lang="en">${quoted}</p>— Finance Minister (@minister) <a href="https://twitter.com/minister/status/1">March 12, 2024</a></blockquote><blockquote class="twitter-tweet"><a href="https://twitter.com/x/status/2">Tweet</a></blockquote></article>`,
      ),
    );
    expect(body).toContain(quoted);
    expect(body).not.toContain("Tweet");
  });

  it.each([
    ["Lesen Sie auch:", "Neue Steuern auf Benzin und Tabak ab Januar"],
    ["À lire aussi", "De nouvelles taxes sur le carburant dès janvier"],
    ["Leia também", "Novos impostos sobre combustível a partir de janeiro"],
  ])("takes a related box headed «%s» in another language out of the body", (heading, other) => {
    const { body, related } = extractOne(
      "page.html",
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<div class="box"><h3>${heading}</h3><ul><li><a href="/other">${other}</a></li></ul></div></article>`,
      ),
    ).article;
    expect(body).toEqual(P);
    expect(related).toContain(other);
  });

  it("drops the article's last section when it is a heading over nothing but links, whatever it says", () => {
    const body = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<h3>Also worth a look</h3><p><a href="/a">Fuel tax to rise in January</a></p><p><a href="/b">Central bank keeps rates unchanged</a></p></article>`,
      ),
    );
    expect(body).toEqual(P);
  });

  it("drops a heading or an announcing line left with nothing after it at the article's end", () => {
    const body = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<p>More on the subject:</p><div class="widget"></div><h3>You might also like</h3></article>`,
      ),
    );
    expect(body).toEqual(P);
  });

  it("drops short lines that are all a link at the article's end", () => {
    const body = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<p><a href="/plan">Read the whole plan here</a></p><p><a href="/">Back</a></p></article>`,
      ),
    );
    expect(body).toEqual(P);
  });

  it("drops a label of a few words with no sentence mark at the article's end, not a short sentence", () => {
    const label = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<p>Our partners</p></article>`,
      ),
    );
    expect(label).toEqual(P);
    const sentence = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<p>The vote is in May.</p></article>`,
      ),
    );
    expect(sentence).toContain("The vote is in May.");
  });

  it("keeps a heading or a line ending in a colon that has text after it", () => {
    const body = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<h3>What comes next</h3><p>The plan goes to the senate:</p><p>a vote is expected in March after two readings.</p></article>`,
      ),
    );
    expect(body).toContain("What comes next");
    expect(body).toContain("The plan goes to the senate:");
  });

  it("drops links announced by a short line ending in a colon at the article's end", () => {
    const body = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1>${paragraphs}<p>These articles might interest you too:</p><p><a href="/a">Fuel tax to rise in January</a></p><p><a href="/b">Central bank keeps rates unchanged</a></p></article>`,
      ),
    );
    expect(body).toEqual(P);
  });

  it("keeps tables row by row and text standing directly in a <div>", () => {
    const body = bodyOf(
      page(`<article><h1>Budget to be balanced next year</h1>${paragraphs}
<div>The plan in figures, as the ministry published them on Tuesday evening after the vote in the house.</div>
<table><tr><th>Item</th><th>2025</th></tr><tr><td>Fuel tax</td><td>1.2 bn</td></tr></table></article>`),
    );
    expect(body).toContain(
      "The plan in figures, as the ministry published them on Tuesday evening after the vote in the house.",
    );
    expect(body).toContain("Item | 2025");
    expect(body).toContain("Fuel tax | 1.2 bn");
  });

  it("drops captions, author boxes, share bars and related lists inside the article", () => {
    const body = bodyOf(
      page(`<article><h1>Budget to be balanced next year</h1>
<figure><img src="x.jpg"><figcaption>The minister in parliament on Tuesday. Photo: Reuters</figcaption></figure>
${paragraphs}
<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<div class="author-box"><p>Sam Reed covers the economy for the paper and has written about budgets for ten years.</p></div>
<section class="related-posts"><h2>Read more</h2><ul><li><a href="/1">Fuel prices rise</a></li></ul></section>
</article>`),
    );
    expect(body).toEqual(P);
  });

  it("reads the article under the headline, not the next story of an endless page that Readability scores higher", () => {
    const story = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>In the port, on the quay, by the cranes, the workers, the drivers, the clerks and the guards waited, again and again, for news of shift ${i}, of pay, of the strike, of the talks, of the ministers, of the unions.</p>`,
    ).join("\n");
    const body = bodyOf(
      page(
        `<main><article><h1>Budget to be balanced next year</h1>${paragraphs}</article><article><h1>Dockers wait for news of the strike</h1>${story}</article></main>`,
      ),
    );
    expect(body).toEqual(P);
  });

  it("keeps the article's text when Readability settles for a table inside it (a letter's signatories)", () => {
    const names = (column: number) =>
      `<span>${Array.from({ length: 40 }, (_, i) => `<strong>Signatory ${column * 40 + i}</strong>, <span>writer</span>`).join("<br>")}</span>`;
    const body = bodyOf(
      page(
        `<div class="content"><article><h1>Budget to be balanced next year</h1><div class="text">${paragraphs}<table><tbody><tr><td>${names(0)}</td><td>${names(1)}</td></tr><tr><td> </td></tr></tbody></table></div></article></div>`,
      ),
    );
    expect(body.slice(0, 4)).toEqual(P);
    expect(body).toContain("Signatory 41, writer");
  });

  it("keeps Readability's pick when the prose beside it is a sidebar's teasers", () => {
    const teaser = (i: number) =>
      `<article><h3><a href="/deal/${i}">Deal ${i}: a laptop at half price</a></h3><p>Today you can get laptop ${i} for far less at the web store; the offer runs until Sunday.</p></article>`;
    const body = bodyOf(
      page(
        `<div class="site"><header><h1>Budget to be balanced next year</h1></header><div class="columns"><div class="text">${paragraphs}</div><aside>${[1, 2, 3, 4, 5, 6, 7, 8].map(teaser).join("")}</aside></div></div>`,
      ),
    );
    expect(body).toEqual(P);
  });

  it("drops a paragraph that is another article's headline as a link, alone or after a short label", () => {
    const body = bodyOf(
      page(
        `<article><h1>Budget to be balanced next year</h1><p>${P[0]}</p><p><em>Read also: <a href="/fuel">Fuel tax to rise in January after the vote</a></em></p><p>${P[1]}</p><p><a href="/bank">Central bank keeps its rates unchanged for now</a></p><p>${P[2]}</p><p>Minister: <a href="/reed">Sam Reed</a></p><p><a name="q">What do the readers ask the minister most often?</a></p><p>${P[3]}</p></article>`,
      ),
    );
    expect(body).toEqual([
      P[0],
      P[1],
      P[2],
      "Minister: Sam Reed",
      "What do the readers ask the minister most often?",
      P[3],
    ]);
  });

  it("reads a page linkedom cannot (text before <html>) as a browser would", () => {
    const html = `<br /><b>Warning</b>: something went wrong on line 12<br />
<!DOCTYPE html><html><head><title>Budget to be balanced next year</title></head><body><article><h1>Budget to be balanced next year</h1>${paragraphs}</article></body></html>`;
    expect(bodyOf(html)).toEqual(P);
  });
});

describe("the headline of a saved page", () => {
  const article = `<article>${paragraphs}</article>`;
  const titleOf = (html: string) => extractOne("page.html", html).article.title;

  it("is the printed <h1> when the title adds a kicker or the site's name", () => {
    expect(
      titleOf(
        page(
          `<h1><span class="kicker">Economy</span> Budget to be balanced next year</h1>${article}`,
          `<title>Economy: Budget to be balanced next year - Daily Star</title><meta property="og:site_name" content="Daily Star">`,
        ),
      ),
    ).toBe("Budget to be balanced next year");
  });

  it("is the article's heading, not a blog's <h1> with the site's name", () => {
    expect(
      titleOf(
        page(
          `<h1 class="site-title">Four Years Remaining</h1><main><h2 class="entry-title">Budget to be balanced next year</h2>${article}</main>`,
          "<title>Budget to be balanced next year | Four Years Remaining</title>",
        ),
      ),
    ).toBe("Budget to be balanced next year");
  });

  it("is the headline, not the comments' heading that quotes it («Ein Kommentar zu “…”»)", () => {
    expect(
      titleOf(
        page(
          `<article><h1>Ein entspannter Start ins neue Jahr</h1>${paragraphs}</article><div id="comments"><h3>Ein Kommentar zu “<span>Ein entspannter Start ins neue Jahr</span>”</h3></div>`,
          "<title>Ein entspannter Start ins neue Jahr | Blog</title>",
        ),
      ),
    ).toBe("Ein entspannter Start ins neue Jahr");
  });

  it("leaves out a label printed inside a wrapper in the <h1>", () => {
    expect(
      titleOf(
        page(
          `<h1><div class="headline"><span class="visuallyhidden">Headline:</span> Budget to be balanced next year</div></h1>${article}`,
          '<meta property="og:title" content="Budget to be balanced next year">',
        ),
      ),
    ).toBe("Budget to be balanced next year");
  });

  it("is the page's one <h1> when the titles, written for shares, speak of something else", () => {
    expect(
      titleOf(
        page(
          `<h1>Finance minister promises a balanced budget</h1>${article}`,
          '<meta property="og:title" content="Fuel taxes: what changes for drivers in 2026">',
        ),
      ),
    ).toBe("Finance minister promises a balanced budget");
  });

  it("is the <h1> that speaks of the title, not a lower heading that repeats the title more closely", () => {
    expect(
      titleOf(
        page(
          `<h1>Budget to be balanced by the end of next year</h1><h2>Budget to be balanced next year</h2>${article}`,
          '<meta property="og:title" content="Budget to be balanced next year">',
        ),
      ),
    ).toBe("Budget to be balanced by the end of next year");
  });

  it("is not a blog's <h1> that is the shorter part of the title, even when it shares its words", () => {
    expect(
      titleOf(
        page(
          `<h1>Notes on the national budget</h1><main><h2>Budget to be balanced by the end of next year</h2>${article}</main>`,
          "<title>Budget to be balanced by the end of next year | Notes on the national budget</title>",
        ),
      ),
    ).toBe("Budget to be balanced by the end of next year");
  });

  it("cuts a site's name set without spaces after a Chinese or Japanese title", () => {
    expect(
      titleOf(page(article, "<title>武汉的声音：有英勇的你，才有英雄的城！-新华网</title>")),
    ).toBe("武汉的声音：有英勇的你，才有英雄的城！");
  });

  it("keeps a title's last segment when it is longer than what stands before it (a name and a headline)", () => {
    expect(
      titleOf(
        page(article, "<title>Viviane Obenauf – Staatsanwaltschaft hat Beweise vorgelegt</title>"),
      ),
    ).toBe("Viviane Obenauf – Staatsanwaltschaft hat Beweise vorgelegt");
    expect(
      titleOf(page(article, "<title>Budget to be balanced next year – Daily Star</title>")),
    ).toBe("Budget to be balanced next year");
  });

  it("cuts a site's name set before a Chinese or Japanese title behind a bar", () => {
    expect(
      titleOf(page(article, "<title>NEWS WEB|子どもへの体罰を禁止する法律ができる</title>")),
    ).toBe("子どもへの体罰を禁止する法律ができる");
  });

  it("reads a Japanese headline and text without the readings printed over the kanji", () => {
    const html = page(
      `<article><h1><ruby>法律<rt>ほうりつ</rt></ruby>ができる</h1>${[1, 2, 3, 4, 5]
        .map(
          (i) =>
            `<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもを<ruby>守<rt>まも</rt></ruby>る${i}つ目の<ruby>法律<rt>ほうりつ</rt></ruby>ができて、<ruby>親<rt>おや</rt></ruby>が<ruby>子<rt>こ</rt></ruby>どもをたたくことを<ruby>禁止<rt>きんし</rt></ruby>することになりました。</p>`,
        )
        .join("")}</article>`,
      "<title>法律ができる - NEWS</title>",
    );
    const { title, body } = extractOne("page.html", html).article;
    expect(title).toBe("法律ができる");
    expect(body[0]).toBe(
      "子どもを守る1つ目の法律ができて、親が子どもをたたくことを禁止することになりました。",
    );
  });

  it("is the far longest segment of a title of several", () => {
    expect(
      titleOf(
        page(article, "<title>Four Years » Blog Archive » Budget to be balanced next year</title>"),
      ),
    ).toBe("Budget to be balanced next year");
  });
});

describe("the date of a saved page", () => {
  const h1 = "<h1>Budget to be balanced next year</h1>";
  const dateOf = (html: string) => extractOne("page.html", html).article.date;

  it.each([
    [
      '<meta name="sailthru.date" content="2020-04-24T09:22:00+02:00">',
      "2020-04-24T09:22:00+02:00",
    ],
    ['<meta name="DC.date.issued" content="2019-10-16">', "2019-10-16"],
    [
      '<meta itemprop="datePublished" content="2021-11-25T16:11:00+01:00">',
      "2021-11-25T16:11:00+01:00",
    ],
    ['<meta name="citation_publication_date" content="2017/01/30">', "2017-01-30"],
  ])("reads the metadata %s", (meta, iso) => {
    expect(
      dateOf(page(`${h1}<article>${paragraphs}</article>`, `<title>x</title>${meta}`))?.iso,
    ).toBe(iso);
  });

  it("takes the article's JSON-LD date over the web page's around it", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebPage", datePublished: "2025-11-19T13:00:00+00:00" },
        { "@type": "NewsArticle", datePublished: "2025-11-19T16:20:00+03:00" },
      ],
    });
    expect(
      dateOf(
        page(
          `${h1}<article>${paragraphs}</article>`,
          `<script type="application/ld+json">${ld}</script>`,
        ),
      )?.iso,
    ).toBe("2025-11-19T16:20:00+03:00");
  });

  it.each([
    [
      "reads the day in the page's own address",
      '<link rel="canonical" href="https://example.org/2020/11/09/budget/">',
      "2020-11-09",
    ],
    [
      "takes the day in the page's own address over metadata written in another time zone or rewritten later",
      '<link rel="canonical" href="https://example.org/2019/01/01/new-year/"><meta property="article:published_time" content="2018-12-31T23:11:59Z">',
      "2019-01-01",
    ],
    [
      "does not read a title that opens with a number as the day of the address («/2023/10/3-questions-…»)",
      '<link rel="canonical" href="https://example.org/2023/10/3-questions-for-the-minister/"><meta property="article:published_time" content="2023-10-31T08:47:16+00:00">',
      "2023-10-31T08:47:16Z",
    ],
  ])("%s", (_name, head, iso) => {
    expect(dateOf(page(`${h1}<article>${paragraphs}</article>`, head))?.iso).toBe(iso);
  });

  it("reads a dateline printed under the headline, in the page's language", () => {
    expect(
      dateOf(page(`${h1}<p>Lübeck, 31. März 2003</p><article>${paragraphs}</article>`)),
    ).toEqual({
      kind: "day",
      iso: "2003-03-31",
    });
  });

  it("takes the date the article marks up over a generic «date» meta (often the page's last change)", () => {
    const head = '<meta name="date" content="2022-01-21T15:38:44+01:00">';
    expect(
      dateOf(
        page(
          `${h1}<article><time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time>${paragraphs}</article>`,
          head,
        ),
      )?.iso,
    ).toBe("2022-01-27");
    // …and still reads it when the page says nothing else.
    expect(dateOf(page(`${h1}<article>${paragraphs}</article>`, head))?.iso).toBe(
      "2022-01-21T15:38:44+01:00",
    );
  });

  it("reads a date the page labels as the publication's, on its line or over it", () => {
    const withLine = (line: string) =>
      dateOf(
        page(
          `${h1}<article>${paragraphs}</article>${line}`,
          '<meta name="date" content="2021-10-15">',
        ),
      )?.iso.slice(0, 10);
    expect(
      withLine(
        "<p>Dieser Eintrag wurde am 19. Mai 2010 um 23:03 Uhr gepostet und unter Allgemein abgelegt.</p>",
      ),
    ).toBe("2010-05-19");
    expect(withLine("<p>Erstellt am: 01.11.2023</p>")).toBe("2023-11-01");
    expect(withLine("<span>Erschienen am:</span><h2>13.10.2021</h2>")).toBe("2021-10-13");
  });

  it("takes the date written before the update in one line", () => {
    expect(
      dateOf(
        page(
          `${h1}<p class="date">Written: 2023-11-07 15:03:30 / Updated: 2023-11-08 10:00:00</p><article>${paragraphs}</article><p class="date">2023-11-03</p>`,
        ),
      )?.iso.slice(0, 10),
    ).toBe("2023-11-07");
  });

  it("does not date the page by a review inside the thing reviewed", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "Recipe",
      datePublished: "2006-10-10",
      review: [{ "@type": "Review", reviewBody: "Lecker", datePublished: "2020-04-12" }],
    });
    expect(
      dateOf(
        page(
          `${h1}<article>${paragraphs}</article>`,
          `<script type="application/ld+json">${ld}</script>`,
        ),
      )?.iso,
    ).toBe("2006-10-10");
  });

  it("when the page says nothing else: a namespaced upload date, the picture's address, the summary, a script's timestamp", () => {
    const bare = (head: string) =>
      dateOf(page(`${h1}<article>${paragraphs}</article>`, head))?.iso.slice(0, 10);
    expect(bare('<meta property="photos:uploaded" content="2013-02-16T04:36:36-05:00">')).toBe(
      "2013-02-16",
    );
    expect(
      bare('<meta property="og:image" content="https://example.org/files/2016/05/04/cover.png">'),
    ).toBe("2016-05-04");
    expect(
      bare('<meta name="description" content="Un anno da record (Notizia del 14 Gennaio 2020)">'),
    ).toBe("2020-01-14");
    expect(bare('<script>showDate("2020/04/17 01:43:09")</script>')).toBe("2020-04-17");
  });

  it("reads the date a headline opens with, and keeps it out of the title («23.01.2022 - …»)", () => {
    const { article } = extractOne(
      "page.html",
      page(
        `<h1>23.01.2022 - Wierer wins the last race at home</h1><article>${paragraphs}</article><p class="date">23.02.2020</p>`,
        "<title>23.01.2022 - Wierer wins the last race at home</title>",
      ),
    );
    expect(article.title).toBe("Wierer wins the last race at home");
    expect(article.date?.iso.slice(0, 10)).toBe("2022-01-23");
  });

  it("never takes the day a forum's member joined for the post's date", () => {
    expect(
      dateOf(
        page(
          `${h1}<div class="postprofile"><dd class="date">Registriert: 18.09.2008, 05:56</dd></div><p class="author">r23 » 21.01.2009, 05:42</p><article>${paragraphs}</article>`,
        ),
      )?.iso.slice(0, 10),
    ).toBe("2009-01-21");
  });

  it("never takes an update date for the publication date", () => {
    expect(
      dateOf(
        page(
          `${h1}<article>${paragraphs}</article>`,
          '<meta property="article:modified_time" content="2024-01-01T10:00:00Z"><meta property="og:updated_time" content="2024-01-01T10:00:00Z">',
        ),
      ),
    ).toBeUndefined();
  });
});

describe("an HTML page's language", () => {
  const arabic =
    "<p>أعلنت وزارة الموارد المائية اليوم عن خطة جديدة لتحسين توزيع مياه الري في المحافظات الجنوبية خلال الموسم المقبل.</p><p>وقال المتحدث باسم الوزارة إن الخطة تشمل إنشاء محطات ضخ جديدة وصيانة القنوات القديمة في البصرة وميسان.</p>";
  const withLang = (lang: string) =>
    `<!doctype html><html lang="${lang}"><head><title>خطة لتحسين توزيع مياه الري</title></head><body><article><h1>خطة لتحسين توزيع مياه الري</h1>${arabic}</article></body></html>`;

  it("is the page's own when its script is the text's, and the text's when a template declares another", () => {
    expect(extractOne("page.html", withLang("ar-IQ")).article.lang).toBe("ar-IQ");
    const mislabelled = extractOne("page.html", withLang("en-US"));
    expect(mislabelled.article.lang).toBe("ar");
    expect(mislabelled.article.dir).toBe("rtl");
    expect(mislabelled.warnings.join()).toMatch(/declares lang en-US, but the text is ar/);
  });
});
