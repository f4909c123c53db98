/**
 * `npm run merge -- --output _site PART_DIR…`
 *
 * Puts together the parts of a build made on separate machines
 * (`npm run build -- --part K/N --output PART_DIR` on each): every part's
 * files into one site, and one list of search shards, newest first. Parts
 * never write the same file; if two do, their bytes must be equal, or the
 * merge stops and names the file.
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { compareShards, type Shard } from "./lib/search/index-site.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { output: { type: "string", default: "_site" } },
});
if (positionals.length === 0) {
  console.error("usage: npm run merge -- --output _site PART_DIR…");
  process.exit(2);
}

const output = path.resolve(values.output);
const SHARD_LIST = path.join("pagefind", "shards.json");
await rm(output, { recursive: true, force: true });

const from = new Map<string, string>();
const shards: Shard[] = [];
let files = 0;

async function copyTree(part: string, rel: string): Promise<void> {
  for (const entry of await readdir(path.join(part, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      await copyTree(part, child);
      continue;
    }
    if (child === SHARD_LIST) {
      const list = JSON.parse(await readFile(path.join(part, child), "utf8")) as {
        shards: Shard[];
      };
      shards.push(...list.shards);
      continue;
    }
    const target = path.join(output, child);
    const earlier = from.get(child);
    if (earlier !== undefined) {
      const [a, b] = await Promise.all([
        readFile(path.join(earlier, child)),
        readFile(path.join(part, child)),
      ]);
      if (!a.equals(b))
        throw new Error(
          `${child} differs between ${earlier} and ${part}: the parts are not of one build`,
        );
      continue;
    }
    from.set(child, part);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(part, child), target);
    files++;
  }
}

for (const part of positionals) await copyTree(path.resolve(part), "");

const ids = shards.map((s) => s.id);
const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
if (repeated.length > 0) throw new Error(`search shard ${repeated[0]} is in more than one part`);
shards.sort((a, b) => compareShards(a.id, b.id));
await mkdir(path.join(output, "pagefind"), { recursive: true });
await writeFile(path.join(output, SHARD_LIST), `${JSON.stringify({ shards }, null, 1)}\n`);
console.log(
  `Merged ${positionals.length} parts into ${path.relative(process.cwd(), output) || "."}: ${files} files, ${shards.length} search shards (${shards.reduce((n, s) => n + s.pages, 0)} articles)`,
);
