import { escapeHtml, Html, type Renderable, renderValue } from "../../scripts/lib/site/html.ts";

/**
 * A dictionary's sentence with markup among its values (a link): the
 * sentence's own text is escaped, the values rendered as `html` renders them.
 * A name the values do not give is left as it is.
 */
export function fillHtml(template: string, values: Readonly<Record<string, Renderable>>): Html {
  let out = "";
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const name = m[1] as string;
    if (!(name in values)) continue;
    out += escapeHtml(template.slice(last, m.index)) + renderValue(values[name]);
    last = m.index + m[0].length;
  }
  return new Html(out + escapeHtml(template.slice(last)));
}
