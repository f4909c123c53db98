import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * How the tests run one of the repository's TypeScript commands: this Node
 * with tsx's loader, as `npm run` does (`node --import tsx`), in one process.
 * The `tsx` binary would start a second Node for every command.
 */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** File and arguments to run `argv` (a script and its arguments) with tsx, for execFile or spawn. */
export function viaTsx(argv: readonly string[]): [string, string[]] {
  return [process.execPath, ["--import", TSX_LOADER, ...argv]];
}
