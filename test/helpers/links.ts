import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Every HTML file of a built site, relative to it. */
export function htmlFiles(siteDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(siteDir, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(siteDir, child)).isDirectory()) {
        if (child !== "pagefind") walk(child);
      } else if (name.endsWith(".html")) out.push(child);
    }
  };
  walk("");
  return out.sort();
}

/** Internal links and assets of a page (href/src values starting with "/"). */
export function internalLinks(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1] as string);
}

/** The file a static host serves for a site URL, or undefined when there is none. */
export function fileFor(siteDir: string, url: string, pathPrefix = "/"): string | undefined {
  if (!url.startsWith(pathPrefix)) return undefined;
  const pathname = decodeURIComponent(url.slice(pathPrefix.length).split(/[?#]/)[0] as string);
  const candidate = path.join(siteDir, pathname);
  if (!candidate.startsWith(siteDir)) return undefined;
  if (pathname === "" || pathname.endsWith("/")) {
    const index = path.join(candidate, "index.html");
    return existsSync(index) ? index : undefined;
  }
  return existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
}

/** Links of every page that lead to no file: [page, link] pairs. */
export function brokenLinks(siteDir: string, pathPrefix = "/"): [string, string][] {
  const broken: [string, string][] = [];
  for (const page of htmlFiles(siteDir)) {
    for (const link of internalLinks(readFileSync(path.join(siteDir, page), "utf8"))) {
      if (!fileFor(siteDir, link, pathPrefix)) broken.push([page, link]);
    }
  }
  return broken;
}
