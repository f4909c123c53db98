import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runImport } from "../../scripts/lib/import/run.ts";
import { articleRuns, type LineInfo } from "../../scripts/lib/import/text/main-block.ts";
import { extractOne, parseText, pipelineContext } from "../helpers/context.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * Finding the article in a text dump by what an article looks like: layouts
 * of real pages (menus one item a line, banners, cookie notices, teaser
 * lists, captions), none of them written with the importer's own words.
 */

const P1 =
  "تفقد وزير النقل، صباح اليوم الأحد، أعمال تطوير محطة مصر برمسيس، واطلع على معدلات التنفيذ في المباني والأرصفة الجديدة.";
const P2 =
  "وقال الوزير إن أعمال التطوير تشمل إنشاء صالات انتظار مكيفة ومداخل جديدة للركاب وربط المحطة بمحطة مترو الشهداء.";
const P3 =
  "وأضاف أن الوزارة تعمل على رفع كفاءة الإشارات في خطوط الوجه القبلي لتقليل زمن التقاطر بين القطارات.";
const HEADLINE = "وزير النقل يتفقد أعمال تطوير محطة مصر برمسيس استعدادا لافتتاحها";
const text = (...lines: string[]) => lines.join("\n");
const parse = parseText;

describe("the article in a text dump", () => {
  it("skips a site's name and a menu of one item a line: title, body and tags are the article's", () => {
    const { article, warnings } = extractOne(
      "menu.txt",
      text(
        "بوابة الأخبار اليوم",
        "الرئيسية",
        "أخبار مصر",
        "عرب وعالم",
        "رياضة",
        "اقتصاد",
        "فن وثقافة",
        "حوادث",
        "تكنولوجيا",
        "اتصل بنا",
        HEADLINE,
        "الأحد 12 أكتوبر 2025",
        P1,
        P2,
        P3,
        "تابعونا على واتساب وتليجرام لمتابعة آخر الأخبار أولا بأول",
      ),
    );
    expect(article.title).toBe(HEADLINE);
    expect(article.body).toEqual([P1, P2, P3]);
    expect(article.date).toEqual({ kind: "day", iso: "2025-10-12" });
    expect(article.tags).not.toContain("واتساب");
    expect(article.tags).not.toContain("تلغرام");
    expect(article.tags.some((t) => t.includes("أخبار"))).toBe(false);
    expect(warnings.some((w) => w.startsWith("headline uncertain"))).toBe(false);
  });

  it("rejects a dump of page furniture only, with the reason", () => {
    expect(() => parse(text("الرئيسية", "", "أخبار ذات صلة", "", "خبر 1", "", "خبر 2"))).toThrow(
      /^no article/,
    );
  });

  it("takes the headline over the byline and date, not a skip link, a banner or a caption under them", () => {
    const body = [
      "US troops began leaving the Ain al-Asad air base in western Iraq on Saturday, officials said, in a move agreed with Baghdad last year.",
      "The withdrawal from the base, which hosted about 2,000 troops at its peak, is expected to take several weeks, the officials added.",
      "Iraqi forces will take over the base once the last American units have left, the country's defence ministry said in a statement.",
    ];
    const p = parse(
      text(
        "Skip to main content",
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
        "World",
        "Middle East",
        "US Troops Begin Leaving Ain al-Asad Air Base in Western Iraq",
        "By Jane Doe",
        "November 15, 2025 9:02 AM",
        "A convoy leaves the Ain al-Asad air base in Anbar province on Saturday. (Reuters)",
        ...body,
        "Most popular",
        "Oil prices climb as supply worries grow",
        "Markets open higher on Monday",
      ),
    );
    expect(p.headline).toBe("US Troops Begin Leaving Ain al-Asad Air Base in Western Iraq");
    expect(p.paragraphs).toEqual(body);
  });

  it("takes the headline, not the standfirst printed under it that retells the article", () => {
    const body = [
      "The regional council approved a budget of 40 million for rebuilding the harbour wall after the winter storms, its chairman said on Tuesday.",
      "Work on the harbour wall will begin in the spring and is expected to last two years, according to the council's plan.",
      "Fishermen had asked the council for months to repair the harbour before the next storm season.",
    ];
    for (const kicker of [[], ["Analysis"]]) {
      const p = parse(
        text(
          "Home",
          "Regions",
          "Council backs harbour rebuild",
          ...kicker,
          "The regional council approved a budget of 40 million for the harbour wall damaged by the winter storms.",
          "By Jane Doe",
          "March 3, 2025",
          ...body,
        ),
      );
      expect(p.headline).toBe("Council backs harbour rebuild");
    }
  });

  it("takes a list of teasers (headline, author, date, summary) for what it is, not the article", () => {
    const teaser = (n: number) => [
      `Another story number ${n} about the markets`,
      "Staff writer",
      "Wednesday November 20, 2019",
      `This is the summary of another story, number ${n}, which the site lists under every article it prints.`,
    ];
    const body = [
      "While the markets waited for the central bank, the finance minister told parliament that the budget would be balanced by the end of next year.",
      "He said that the new taxes on fuel and tobacco would bring in more than two billion dollars, and that spending on salaries would be frozen.",
      "Opposition members said the plan would hurt the poorest families, and called for a vote on the fuel tax before it comes into force.",
    ];
    const p = parse(
      text(
        "Finance minister promises a balanced budget next year",
        "By Sam Reed",
        ...body,
        "More from the site",
        ...teaser(1),
        ...teaser(2),
        ...teaser(3),
        ...teaser(4),
      ),
    );
    expect(p.paragraphs).toEqual(body);
  });

  it("keeps an article interrupted by a box of links, without the box", () => {
    const body = [
      "Police released a video showing the rescue of an eight-year-old girl who was taken from her mother's arms in a city street on Saturday.",
      "In a three-hour interview with the FBI, the suspect confessed to the kidnapping, the police said in a statement on Monday evening.",
      "It was around midnight when a tip led officers to a motel room, where they found the girl unharmed and arrested the man and a woman.",
      "Friends, volunteers and officers had searched the city for the girl for almost two days before the tip came in, the police chief said.",
    ];
    const p = parse(
      text(
        "Video shows dramatic rescue of kidnapped girl",
        "Updated on: November 19, 2019 / 10:07 AM / CBS News",
        body[0] as string,
        body[1] as string,
        "Trending News",
        "Man arrested after victims found in car",
        "Jail guards charged with falsifying records",
        "Safety officials urge redesign of a part",
        body[2] as string,
        body[3] as string,
      ),
    );
    expect(p.paragraphs).toEqual(body);
  });

  it("weighs the article's first line as a headline against the text under it, not against itself", () => {
    // A disclosure opening the text is not a sentence at its end, so it may be a
    // headline; every line shares all its words with itself, the headline with the text.
    const disclosure =
      "This post was sponsored by a water brand and its partners. All opinions are my own #sponsored";
    const body = [
      "We set out early on Saturday to hike the trails below the Flatirons, the rock slabs that rise over the town of Boulder.",
      "The trail climbs slowly through the meadow, and the children carried their own water bottles the whole way up.",
      "By noon we had reached the first slab, where we stopped for snacks and watched climbers on the rock above us.",
    ];
    const p = parse(
      text(
        "Home",
        "About",
        "Travel",
        "HIKING THE BOULDER FLATIRONS",
        "written by Regan",
        disclosure,
        ...body,
      ),
    );
    expect(p.headline).toBe("HIKING THE BOULDER FLATIRONS");
  });

  it("does not take a line that is all one quotation for the headline (a pull quote, the claim a piece checks)", () => {
    const body = [
      "A congressman said last month that 53 million dollars a week is coming across the border in drugs, citing a local newspaper.",
      "Customs figures do not support that number: seizures at the border were worth far less in the last fiscal year.",
      "Experts said the value of drugs that cross the border undetected cannot be known with any precision.",
    ];
    const p = parse(
      text(
        "Fact checks",
        '"$53 million a week is coming across the border in drugs."',
        "What is the value of drugs that cross the border?",
        "By Jane Doe on Monday, November 18th, 2019",
        ...body,
      ),
    );
    expect(p.headline).toBe("What is the value of drugs that cross the border?");
  });

  it("takes the headline over the byline and date line, not the photo caption printed under them", () => {
    const body = [
      "Mike Glass threw for three touchdowns and ran for another as Eastern Michigan beat Northern Illinois 45-17 on Tuesday night.",
      "The Eagles snapped an 11-game losing streak against the Huskies and ended their hopes of a conference title this season.",
      "Eastern Michigan also became bowl eligible for the second straight season, a first in the history of the program.",
    ];
    const p = parse(
      text(
        "Learn More",
        "College football: Eastern Michigan routs Northern Illinois to become bowl eligible",
        "Wire services",
        "Published 11:11 PM EST Nov 19, 2019",
        "Eastern Michigan quarterback Mike Glass III",
        "Al Goldis, Associated Press",
        ...body,
      ),
    );
    expect(p.headline).toBe(
      "College football: Eastern Michigan routs Northern Illinois to become bowl eligible",
    );
  });

  it("never takes a one-word menu item or a line with a form's asterisk for the headline", () => {
    const body = [
      "The new tariffs on steel and aluminium will raise prices for builders and carmakers, economists said on Monday, and the trade war goes on.",
      "Importers pay the tariffs at the border, and most of the cost is passed on to the buyers of the goods in the end.",
      "Trade talks between the two countries are expected to resume next month, officials from both sides said.",
    ];
    const p = parse(
      text("Tariffs", "Guide to tariffs and international trade", "By Jane Doe", ...body),
    );
    expect(p.headline).toBe("Guide to tariffs and international trade");
    const q = parse(
      text(
        "Skyrim: how to raise the running speed of your character",
        "Games and mods",
        "running speed of your character *100",
        "The speed of your character in the game can be raised with a console code, and the standard running speed is the code speedmult set to 100.",
        "Type the code into the console and the running speed changes at once, and it stays so until you load another save of the game.",
      ),
    );
    expect(q.headline).toBe("Skyrim: how to raise the running speed of your character");
  });

  it("takes the run its headline speaks of, not a heavier footer of legal text no headline speaks of", () => {
    const body = [
      "This week's meal plan for the running programme has five meals a day, planned around the times of your workouts.",
      "Eat the first meal an hour before the morning run, and the second within half an hour after it, with plenty of water.",
    ];
    const footer = [
      "The information provided on this website was originally intended for an audience in one country only, and may not suit readers elsewhere in the world.",
      "Results vary depending on starting point, goals and effort, and exercise and a proper diet are necessary to achieve and maintain weight loss.",
      "These statements have not been evaluated by any government agency, and the products named here are not intended to diagnose, treat or cure any disease.",
      "Consult your physician and follow all safety instructions before beginning any exercise or using any supplement or replacement product.",
      "All trademarks named on this website are the property of their owners, and no part of it may be copied without the written permission of the company.",
    ];
    const share = ["Facebook", "Pinterest", "Instagram", "Join our newsletter"];
    const p = parse(
      text(
        "Home",
        "Nutrition",
        "Meal plan for the running programme",
        "November 12, 2018",
        ...body,
        "Pre-workout meal",
        "Related Articles",
        "Why breakfast really does matter",
        "A new snack bar is coming soon",
        ...share,
        ...share,
        ...footer,
      ),
    );
    expect(p.headline).toBe("Meal plan for the running programme");
    expect(p.paragraphs).toEqual(body);
  });

  it("says so when the headline is a guess", () => {
    const { warnings } = extractOne(
      "guess.txt",
      text(
        "القائمة",
        "اشترك في النشرة",
        "قائمة المواقع",
        "شروط الاستخدام",
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة بسعة خمسمائة سرير، في إطار خطة لتوسيع الخدمات الطبية في الأقاليم.",
        "وقال المتحدث باسم الوزارة إن المستشفى سيبدأ استقبال المرضى الشهر المقبل بعد اكتمال تجهيز أقسامه كلها.",
      ),
    );
    expect(warnings.some((w) => /^headline uncertain: «/.test(w))).toBe(true);
  });

  it("keeps a recurring headline (a daily column) that the source prints in every dump", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw", "masrawy");
    mkdirSync(raw, { recursive: true });
    const prices = [
      "سجلت أسعار الذهب اليوم في مصر ارتفاعا طفيفا في بداية تعاملات الصباح، وبلغ سعر جرام الذهب عيار 21 نحو 3100 جنيه.",
      "سجلت أسعار الذهب اليوم في مصر تراجعا محدودا في ختام التعاملات، وبلغ سعر جرام الذهب عيار 21 نحو 3080 جنيه.",
      "استقرت أسعار الذهب اليوم في مصر خلال تعاملات المساء، وبلغ سعر جرام الذهب عيار 21 نحو 3090 جنيه.",
    ];
    for (const [i, p] of prices.entries()) {
      writeFileSync(
        path.join(raw, `${i}.txt`),
        text(
          "مصراوي",
          "",
          "أسعار الذهب اليوم في مصر",
          "",
          `${i + 1} مارس 2025`,
          "",
          p,
          "",
          "وتوقع خبراء أن تواصل الأسعار تحركها المحدود خلال الأيام المقبلة مع ترقب قرارات البنك المركزي.",
        ),
      );
    }
    const titles: string[] = [];
    const report = await runImport({
      ...pipelineContext(),
      inDir: path.join(root, "raw"),
      outDir: path.join(root, "out"),
      dryRun: true,
      cacheFile: null,
      onArticle: (_input, article) => titles.push(article.title),
    });
    expect(report.inputs.map((i) => i.outcome)).toEqual(["imported", "imported", "imported"]);
    expect(titles).toEqual([
      "أسعار الذهب اليوم في مصر",
      "أسعار الذهب اليوم في مصر",
      "أسعار الذهب اليوم في مصر",
    ]);
  });
});

describe("runs of prose", () => {
  const line = (index: number, kind: "prose" | "short" | "heading" | "date"): LineInfo => ({
    index,
    text: `line ${index}`,
    shape: {
      chars: kind === "prose" ? 200 : 20,
      words: kind === "prose" ? 30 : 3,
      hasSentenceEnd: kind === "prose",
      endsSentence: kind === "prose",
      prose: kind === "prose",
    },
    furniture: false,
    masthead: false,
    barrier: kind === "heading",
    related: false,
    header: kind === "date",
  });

  it("are broken by a long gap, a section heading or a date line, and the heaviest comes first", () => {
    const lines = [
      line(0, "prose"),
      line(1, "short"),
      line(2, "prose"),
      line(3, "prose"),
      line(4, "date"),
      line(5, "prose"),
      line(6, "heading"),
      line(7, "prose"),
      line(8, "prose"),
    ];
    const runs = articleRuns(lines);
    expect(runs[0]).toMatchObject({ first: 0, last: 3 });
    // The run right under a section heading is that section's, never the article.
    expect(runs.some((r) => r.first === 7)).toBe(false);
  });
});
