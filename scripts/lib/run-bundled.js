/**
 * `node scripts/lib/run-bundled.js scripts/import.ts [args…]`: runs a
 * command's TypeScript bundled into one module (code-bundle.js), not through
 * tsx, which costs a command a third of a second before its first line — a
 * day's import, a command of about two seconds, pays it at every run. Where
 * the code cannot be bundled, the command runs through tsx as before. The
 * command sees its own arguments only.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundledModule } from "./code-bundle.js";

// This file is never bundled itself: the repository is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const entry = process.argv[2];
if (!entry) {
  console.error("usage: node scripts/lib/run-bundled.js <script.ts> [args…]");
  process.exit(2);
}
process.argv.splice(2, 1);
const bundle = bundledModule(entry, { root });
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.resolve(root, entry)).href);
}
