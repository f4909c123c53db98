/**
 * Only absolute http(s) URLs may become links: a `javascript:` or `data:` URL
 * from a dump, a sidecar or a hand edit must never reach a page.
 */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
