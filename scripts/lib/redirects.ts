import YAML from "yaml";

/**
 * Article URLs that moved. An article's URL is its file's path, and the
 * import moves the file when the dump's date or title changes: links and
 * bookmarks to the old URL must still lead to it. The import records each
 * move in `redirects.yaml` in the articles folder (committed and reviewed with
 * the articles); the build makes a redirect page at every old URL and a
 * `_redirects` file for hosts that read one.
 *
 * Paths are article files relative to the articles folder ("undated/x.md").
 */
export const REDIRECTS_FILE = "redirects.yaml";

/** Old path → the path the article lives at now. */
export type Moves = Map<string, string>;

export function parseRedirects(text: string, file = REDIRECTS_FILE): Moves {
  let data: unknown;
  try {
    data = YAML.parse(text) ?? {};
  } catch (error) {
    throw new Error(`${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new Error(`${file} must map old article paths to new ones`);
  const moves: Moves = new Map();
  for (const [from, to] of Object.entries(data)) {
    if (typeof to !== "string") throw new Error(`${file}: "${from}" must map to a path`);
    moves.set(from, to);
  }
  return moves;
}

export function serialiseRedirects(moves: Moves): string {
  const sorted = [...moves].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = sorted.map(
    ([from, to]) => `${YAML.stringify(from).trim()}: ${YAML.stringify(to).trim()}`,
  );
  return `# Article files that moved (their dump's date or title changed): old path → new path.\n# Written by the import; the build makes a redirect page at each old URL.\n${lines.join("\n")}\n`;
}

/**
 * The moves recorded so far, with this import's moves applied: a chain
 * (a → b, then b → c) leads straight to the end, and a path where an
 * article lives again is no longer redirected.
 */
export function withMoves(
  recorded: Moves,
  moved: readonly [string, string][],
  live: ReadonlySet<string>,
): Moves {
  const out: Moves = new Map(recorded);
  for (const [from, to] of moved) {
    for (const [old, target] of out) if (target === from) out.set(old, to);
    out.set(from, to);
  }
  for (const [from, to] of out) if (from === to || live.has(from)) out.delete(from);
  return out;
}
