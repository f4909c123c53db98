/**
 * A dictionary's sentence with its values in place: «{count} في {period}.»
 * with count and period. A name the values do not give is left as it is.
 * This file imports nothing: the search page's script uses it too.
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
