import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Every file under a folder (path relative to it) with the SHA-256 of its bytes. */
export function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = path.join(rel, name);
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else
        out[child] = createHash("sha256")
          .update(readFileSync(path.join(dir, child)))
          .digest("hex");
    }
  };
  walk("");
  return out;
}
