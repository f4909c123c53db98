/**
 * A worker thread reading article files for a full build's read-ahead
 * (build.ts, loadArticles' readElsewhere): reads, hashes and parses the files
 * it is given and sends back what it read, or fails with the first file that
 * is not an article, named.
 */
import { parentPort, workerData } from "node:worker_threads";
import { readArticlesAt } from "./load.ts";

/** What the thread is started with. */
export interface ReadArticlesTask {
  articlesDir: string;
  files: string[];
}

const { articlesDir, files } = workerData as ReadArticlesTask;
parentPort?.postMessage(readArticlesAt(articlesDir, files));
