import { codeWorker } from "../code-worker.ts";
import type { ArticleFileRead } from "./load.ts";
import type { ReadArticlesTask } from "./read-articles-worker.ts";

/**
 * Reads article files on a worker thread of their own
 * (read-articles-worker.ts), for readArticleFiles' `readElsewhere`: a full
 * build reads the archive ahead while its render parts wait for it, one core
 * idle once their code is loaded.
 */
export function readOnThread(articlesDir: string): (files: string[]) => Promise<ArticleFileRead[]> {
  // Started at once, not after an await: the caller reads its own share synchronously meanwhile.
  return (files) => {
    const task: ReadArticlesTask = { articlesDir, files };
    const worker = codeWorker("scripts/lib/site/read-articles-worker.ts", { workerData: task });
    return new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      // Its answer comes before its exit; an exit without one is a failure.
      worker.once("exit", (code) =>
        setImmediate(() =>
          reject(new Error(`the thread reading article files stopped (exit ${code})`)),
        ),
      );
    });
  };
}
