/**
 * Pagefind's memory allocator, set for the machine the build runs on.
 *
 * Pagefind's executable carries its own allocator, jemalloc, which reads its
 * settings from `_RJEM_MALLOC_CONF`. A shard's index takes about 350 KB of
 * memory a page (1.5 GB for 4,500 pages), and faulting that memory in is a
 * large part of Pagefind's time on a virtual machine. Which way is cheaper
 * depends on the machine (docs/scale.md, "Pagefind's memory"):
 *
 * - in 4 KB pages, jemalloc's default: on the AMD EPYC guest of sessions
 *   30–37 a fault cost about 9 µs, 203,000 of them on a 2,296-page shard;
 *   there, transparent huge pages (2 MB) cut Pagefind's CPU by a third;
 * - in huge pages, when the kernel hands free memory back to its hypervisor
 *   in blocks of a huge page or less (free page reporting, as a virtio
 *   balloon does): a freed 2 MB block is then given back to the host, and
 *   the next huge page is memory the host must fault in again. On the Intel
 *   Xeon guest of session 38 (reporting blocks of 2 MB), huge pages took
 *   Pagefind 2–4 s more of system time a 4,500-page shard, and the full
 *   build 3 s longer; with the kernel reporting only 8 MB blocks, huge pages
 *   were no longer slower.
 *
 * Both ways keep one arena and hand nothing back before Pagefind exits; the
 * bundle is the same byte for byte whatever the setting (a test checks it
 * with the real binary). Only Linux has these huge pages; a setting of the
 * user's own is passed on as it is.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Huge pages for jemalloc's heap and its own metadata, one arena, nothing handed back. */
export const HUGE_PAGES_CONF =
  "thp:always,metadata_thp:always,narenas:1,dirty_decay_ms:-1,muzzy_decay_ms:-1";
/** The same in the system's 4 KB pages. */
export const SMALL_PAGES_CONF = "narenas:1,dirty_decay_ms:-1,muzzy_decay_ms:-1";

/** What decides between the two, as the kernel shows it under /sys. */
export interface MemoryFacts {
  /** Free memory is handed back to a hypervisor (free page reporting is on). */
  pageReporting: boolean;
  /** The smallest free block handed back, in bytes. */
  reportedBlock: number;
  /** A transparent huge page, in bytes (2 MB on x86-64). */
  hugePage: number;
}

/** The allocator setting for Pagefind on a machine with these facts. */
export function pagefindMallocConf(facts: MemoryFacts): string {
  const hugePagesGoBack = facts.pageReporting && facts.reportedBlock <= facts.hugePage;
  return hugePagesGoBack ? SMALL_PAGES_CONF : HUGE_PAGES_CONF;
}

/** The virtio device id of a memory balloon, and its free page reporting feature bit. */
const VIRTIO_BALLOON = 5;
const VIRTIO_BALLOON_F_REPORTING = 5;
/** The kernel's base page (x86-64, and arm64 as most distributions build it). */
const BASE_PAGE = 4096;

/**
 * The machine's facts, read from `root` (/sys). Free page reporting is on
 * when a virtio balloon offers it (its feature bit), or when the kernel
 * says it has reported memory; the reported block is the `page_reporting`
 * module's order (the kernel's default, a huge page, when it does not say).
 */
export function readMemoryFacts(root = "/sys"): MemoryFacts {
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(path.join(root, file), "utf8").trim();
    } catch {
      return undefined;
    }
  };
  const hugePage = Number(read("kernel/mm/transparent_hugepage/hpage_pmd_size")) || 2 * 1024 ** 2;
  const order = Number.parseInt(
    read("module/page_reporting/parameters/page_reporting_order") ?? "",
    10,
  );
  const reportedBlock = Number.isInteger(order) && order >= 0 ? BASE_PAGE * 2 ** order : hugePage;
  const reportedKiB = Number(read("module/page_reporting/parameters/reported_kib") ?? 0);
  return {
    pageReporting: balloonReports(root, read) || reportedKiB > 0,
    reportedBlock,
    hugePage,
  };
}

function balloonReports(root: string, read: (file: string) => string | undefined): boolean {
  let devices: string[];
  try {
    devices = readdirSync(path.join(root, "bus/virtio/devices"));
  } catch {
    return false;
  }
  return devices.some(
    (device) =>
      Number(read(`bus/virtio/devices/${device}/device`)) === VIRTIO_BALLOON &&
      read(`bus/virtio/devices/${device}/features`)?.[VIRTIO_BALLOON_F_REPORTING] === "1",
  );
}

let machineConf: string | undefined;

/**
 * The environment Pagefind runs in: the caller's, with the allocator setting
 * for this machine on Linux unless the user set one (`facts` read once,
 * from /sys, when not given).
 */
export function pagefindEnvironment(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  facts?: MemoryFacts,
): NodeJS.ProcessEnv {
  if (platform !== "linux" || env._RJEM_MALLOC_CONF !== undefined) return env;
  if (facts) return { ...env, _RJEM_MALLOC_CONF: pagefindMallocConf(facts) };
  machineConf ??= pagefindMallocConf(readMemoryFacts());
  return { ...env, _RJEM_MALLOC_CONF: machineConf };
}
