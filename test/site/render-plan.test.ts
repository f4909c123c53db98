import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
  const pick = (p: RenderPlan, items: { url: string }[]) =>
    p
      .select(
        items,
        (i) => i.url,
        (i) => i,
        undefined,
        p.partitionFor(articles),
      )
      .map((i) => i.url);

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
