import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Phase, RenderPlan } from "../../scripts/lib/site/render-plan.ts";

/** A plan of part 1 of 2 (the one that renders the single pages), in a phase or whole. */
const plan = (phase?: Phase, previous?: Record<string, string>) =>
  new RenderPlan({
    codeKey: "code",
    manifestPath: "unused.json",
    part: { index: 0, count: 2 },
    ...(phase ? { phase } : {}),
    ...(previous ? { previous: { codeKey: "code", pages: previous } } : {}),
  });

const url = fc.oneof(
  fc.stringMatching(/^\/articles\/20\d\d\/\d\d\/[a-z]{1,6}\/$/),
  fc.stringMatching(/^\/(?:tags|archive|page)\/[a-z0-9]{1,6}\/$/),
  fc.constantFrom("/", "/feed.xml", "/sitemap.xml", "/articles-like/"),
);

describe("a part rendered in two phases", () => {
  it("renders its article pages, then its other pages: together what it renders whole, with the same keys", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(url, { maxLength: 30 }),
        fc.dictionary(url, fc.string()),
        (urls, previous) => {
          const items = urls.map((u) => ({ url: u, body: u.length }));
          const pick = (p: RenderPlan) =>
            p.select(
              items,
              (i) => i.url,
              (i) => i,
            );
          const whole = plan(undefined, previous);
          const articles = plan("articles", previous);
          const others = plan("others", previous);
          const all = pick(whole).map((i) => i.url);
          const first = pick(articles).map((i) => i.url);
          const then = pick(others).map((i) => i.url);
          expect(first.every((u) => u.startsWith("/articles/"))).toBe(true);
          expect(then.some((u) => u.startsWith("/articles/"))).toBe(false);
          expect([...first, ...then].sort()).toEqual([...all].sort());
          expect({ ...articles.manifest().pages, ...others.manifest().pages }).toEqual(
            whole.manifest().pages,
          );
          expect(articles.pageCount + others.pageCount).toBe(whole.pageCount);
        },
      ),
    );
  });

  it("renders the single pages (404, search, assets) with its other pages, not its articles", () => {
    expect(plan().rendersSinglePages).toBe(true);
    expect(plan("articles").rendersSinglePages).toBe(false);
    expect(plan("others").rendersSinglePages).toBe(true);
  });
});

/** The URLs a plan renders of these items, its part's share of them split by these articles. */
const pickOf = (p: RenderPlan, items: { url: string }[], articles: { url: string }[]) =>
  p
    .select(
      items,
      (i) => i.url,
      (i) => i,
      undefined,
      p.partitionFor(articles),
    )
    .map((i) => i.url);

describe("an update's new articles' shards rendered first", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  it("renders their article pages, then the other article pages, then the rest: together what it renders whole, with the same keys", () => {
    const articleUrl = fc.stringMatching(/^\/articles\/20(?:1[89]|2[0-6])\/0[1-9]\/[a-z]{1,6}\/$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(articleUrl, url), { maxLength: 40 }),
        fc.dictionary(url, fc.string()),
        fc.infiniteStream(fc.boolean()),
        (urls, previous, coin) => {
          // A shard a year, so that a few articles make several shards.
          vi.stubEnv("NASHRA_SHARD_MERGE_PAGES", "0");
          const items = urls.map((u) => ({ url: u, body: u.length }));
          const articles = items.filter((i) => i.url.startsWith("/articles/"));
          const shardOf = (u: string) =>
            new RenderPlan({ codeKey: "c", manifestPath: "x", part: { index: 0, count: 2 } })
              .partitionFor(articles)
              ?.shardOf(u);
          const shards = [...new Set(articles.map((a) => shardOf(a.url) as string))];
          const chosen = shards.filter(() => coin.next().value);
          const newShards = new Set(chosen.length > 0 ? chosen : shards.slice(0, 1));
          const make = (phase?: Phase) =>
            new RenderPlan({
              codeKey: "code",
              manifestPath: "unused.json",
              part: { index: 0, count: 2 },
              ...(phase ? { phase } : {}),
              previous: { codeKey: "code", pages: previous },
              newShards,
            });
          const pick = (p: RenderPlan) => pickOf(p, items, articles);
          const whole = make();
          const [fresh, older, rest] = [make("new-articles"), make("articles"), make("others")];
          const first = pick(fresh);
          const second = pick(older);
          const third = pick(rest);
          const all = pick(whole);
          expect(first.every((u) => newShards.has(shardOf(u) as string))).toBe(true);
          expect(
            second.every((u) => u.startsWith("/articles/") && !newShards.has(shardOf(u) as string)),
          ).toBe(true);
          expect(third.some((u) => u.startsWith("/articles/"))).toBe(false);
          expect([...first, ...second, ...third].sort()).toEqual([...all].sort());
          expect({
            ...fresh.manifest().pages,
            ...older.manifest().pages,
            ...rest.manifest().pages,
          }).toEqual(whole.manifest().pages);
          expect(fresh.rendersSinglePages || older.rendersSinglePages).toBe(false);
          expect(rest.rendersSinglePages).toBe(true);
        },
      ),
    );
  });
});

describe("parts rendered together", () => {
  const articles = Array.from({ length: 40 }, (_, i) => ({
    url: `/articles/${2016 + (i % 9)}/0${1 + (i % 9)}/a${i}/`,
  }));
  const planOf = (index: number, count: number, together: number[] = []) =>
    new RenderPlan({
      codeKey: "code",
      manifestPath: "unused.json",
      part: { index, count, ...(together.length > 0 ? { with: together } : {}) },
    });
  const pick = (p: RenderPlan, items: { url: string }[]) => pickOf(p, items, articles);

  it("render in one run what each renders on its own, with the same keys", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(url, { maxLength: 30 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (urls, count, seed) => {
          const items = [...articles, ...urls.filter((u) => !u.startsWith("/articles/"))].map(
            (u) => (typeof u === "string" ? { url: u } : u),
          );
          const [a, b] = [seed % count, (seed + 1) % count] as [number, number];
          const one = planOf(a, count);
          const other = planOf(b, count);
          const both = planOf(a, count, [b]);
          const apart = [...pick(one, items), ...pick(other, items)].sort();
          expect(pick(both, items).sort()).toEqual(apart);
          expect(both.manifest().pages).toEqual({
            ...one.manifest().pages,
            ...other.manifest().pages,
          });
          expect(both.partitionFor(articles)?.shards.sort()).toEqual(
            [
              ...(one.partitionFor(articles)?.shards ?? []),
              ...(other.partitionFor(articles)?.shards ?? []),
            ].sort(),
          );
          // Part 0's single pages (404, search, assets) come with it, whichever part leads the run.
          expect(both.rendersSinglePages).toBe(a === 0 || b === 0);
        },
      ),
    );
  });
});
