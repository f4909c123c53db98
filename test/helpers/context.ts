import path from "node:path";
import type { Article, ParsedDump } from "../../scripts/lib/import/article.ts";
import { loadPipelineContext } from "../../scripts/lib/import/context.ts";
import { parseTextDump } from "../../scripts/lib/import/parse-text.ts";
import { extractArticles, type PipelineContext } from "../../scripts/lib/import/pipeline.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";

export const SPECIMEN = path.join(repoRoot, "raw/000_de5a449507217197.txt");

let context: PipelineContext | undefined;

/** The pipeline context the import command uses (repository gazetteer and boilerplate lists). */
export function pipelineContext(): PipelineContext {
  context ??= loadPipelineContext();
  return context;
}

/** The one article a single-article dump gives, with its warnings; throws if it gives none. */
export function extractOne(
  file: string,
  content: string | Uint8Array,
): { article: Article; warnings: string[] } {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  const [x] = extractArticles({ file, bytes }, pipelineContext());
  if (!x?.article) throw new Error(`no article from ${file}: ${x?.reason}`);
  return { article: x.article, warnings: x.warnings };
}

/** A text dump parsed with the repository's built-in furniture (no source profile). */
export function parseText(dump: string): ParsedDump {
  const ctx = pipelineContext();
  return parseTextDump(dump, ctx.boilerplate.furnitureFor({}), ctx.dates, ctx.prose);
}
