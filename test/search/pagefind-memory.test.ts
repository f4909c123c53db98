import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths.ts";
import {
  HUGE_PAGES_CONF,
  type MemoryFacts,
  pagefindEnvironment,
  pagefindMallocConf,
  readMemoryFacts,
  SMALL_PAGES_CONF,
} from "../../scripts/lib/search/pagefind-memory.ts";
import { fileHashes } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

const run = promisify(execFile);
const MB = 1024 ** 2;

/** A /sys tree with the given files. */
function sysTree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), `${text}\n`);
  }
  return root;
}

/** A virtio device's features as sysfs prints them: one character a bit, bit 0 first. */
function features(...bits: number[]): string {
  return Array.from({ length: 64 }, (_, bit) => (bits.includes(bit) ? "1" : "0")).join("");
}

describe("Pagefind's allocator setting", () => {
  const facts = (f: Partial<MemoryFacts>): MemoryFacts => ({
    pageReporting: false,
    reportedBlock: 2 * MB,
    hugePage: 2 * MB,
    ...f,
  });

  it("is huge pages unless free huge pages go back to the hypervisor", () => {
    expect(pagefindMallocConf(facts({}))).toBe(HUGE_PAGES_CONF);
    expect(pagefindMallocConf(facts({ pageReporting: true }))).toBe(SMALL_PAGES_CONF);
    expect(pagefindMallocConf(facts({ pageReporting: true, reportedBlock: 1 * MB }))).toBe(
      SMALL_PAGES_CONF,
    );
    // Only blocks of 8 MB reported: a freed huge page mostly stays with the guest.
    expect(pagefindMallocConf(facts({ pageReporting: true, reportedBlock: 8 * MB }))).toBe(
      HUGE_PAGES_CONF,
    );
  });

  it("reads free page reporting from a virtio balloon's feature bit, and its block from the kernel", () => {
    const balloon = (bits: number[], extra: Record<string, string> = {}) =>
      readMemoryFacts(
        sysTree({
          "bus/virtio/devices/virtio0/device": "0x0002",
          "bus/virtio/devices/virtio0/features": features(5),
          "bus/virtio/devices/virtio1/device": "0x0005",
          "bus/virtio/devices/virtio1/features": features(...bits),
          "kernel/mm/transparent_hugepage/hpage_pmd_size": String(2 * MB),
          ...extra,
        }),
      );
    expect(balloon([1, 2, 5, 7])).toEqual({
      pageReporting: true,
      reportedBlock: 2 * MB,
      hugePage: 2 * MB,
    });
    // A balloon without reporting; bit 5 of a block device (above) is another feature.
    expect(balloon([1, 2, 7]).pageReporting).toBe(false);
    expect(
      balloon([5], { "module/page_reporting/parameters/page_reporting_order": "11" }).reportedBlock,
    ).toBe(8 * MB);
    expect(
      pagefindMallocConf(
        balloon([5], { "module/page_reporting/parameters/page_reporting_order": "9" }),
      ),
    ).toBe(SMALL_PAGES_CONF);
  });

  it("takes the kernel's own count of reported memory as reporting, and assumes none without a sign of it", () => {
    expect(
      readMemoryFacts(sysTree({ "module/page_reporting/parameters/reported_kib": "39926644" }))
        .pageReporting,
    ).toBe(true);
    expect(
      readMemoryFacts(sysTree({ "module/page_reporting/parameters/reported_kib": "0" })),
    ).toEqual({ pageReporting: false, reportedBlock: 2 * MB, hugePage: 2 * MB });
    expect(readMemoryFacts(path.join(tempDir(), "no-sys"))).toEqual({
      pageReporting: false,
      reportedBlock: 2 * MB,
      hugePage: 2 * MB,
    });
  });

  it("is added to the environment on Linux, and a user's own setting is kept", () => {
    const reporting = facts({ pageReporting: true });
    expect(pagefindEnvironment({ PATH: "/bin" }, "linux", facts({}))).toEqual({
      PATH: "/bin",
      _RJEM_MALLOC_CONF: HUGE_PAGES_CONF,
    });
    expect(pagefindEnvironment({ PATH: "/bin" }, "linux", reporting)._RJEM_MALLOC_CONF).toBe(
      SMALL_PAGES_CONF,
    );
    expect(
      pagefindEnvironment({ _RJEM_MALLOC_CONF: "narenas:4" }, "linux", reporting)._RJEM_MALLOC_CONF,
    ).toBe("narenas:4");
    expect(pagefindEnvironment({ PATH: "/bin" }, "darwin", reporting)).toEqual({ PATH: "/bin" });
    expect([HUGE_PAGES_CONF, SMALL_PAGES_CONF]).toContain(
      pagefindEnvironment({}, "linux")._RJEM_MALLOC_CONF,
    );
  });

  it("is either way one the real binary accepts, and leaves the bundle the same byte for byte", async () => {
    const root = tempDir();
    for (let n = 1; n <= 3; n++) {
      const file = path.join(root, "site", "articles", String(n), "index.html");
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(
        file,
        `<html lang="ar"><body><article data-pagefind-body><h1>عنوان ${n}</h1><p>نص الخبر رقم ${n} عن بغداد والقاهرة</p></article></body></html>`,
      );
    }
    const bundle = async (name: string, env: NodeJS.ProcessEnv) => {
      const out = path.join(root, name);
      // jemalloc reports a setting it does not understand on stderr, and goes on.
      const { stderr } = await run(
        path.join(repoRoot, "node_modules/.bin/pagefind"),
        ["--site", path.join(root, "site"), "--output-path", out, "--quiet"],
        { env },
      );
      expect(stderr).toBe("");
      return fileHashes(out);
    };
    const { _RJEM_MALLOC_CONF: _, ...stock } = process.env;
    const plain = await bundle("stock", stock);
    expect(Object.keys(plain).length).toBeGreaterThan(3);
    expect(await bundle("huge", { ...stock, _RJEM_MALLOC_CONF: HUGE_PAGES_CONF })).toEqual(plain);
    expect(await bundle("small", { ...stock, _RJEM_MALLOC_CONF: SMALL_PAGES_CONF })).toEqual(plain);
  });
});
