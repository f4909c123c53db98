import { describe, expect, it } from "vitest";
import { chromiumPath } from "../../scripts/lib/chromium.ts";

describe("the browser the tests use", () => {
  const none = () => false;

  it("is $CHROMIUM_PATH when it is set, whatever the system", () => {
    for (const platform of ["linux", "darwin", "win32"] as const) {
      expect(chromiumPath({ CHROMIUM_PATH: "/opt/c/chrome" }, platform, none)).toBe(
        "/opt/c/chrome",
      );
    }
  });

  it("is found where each system installs it", () => {
    const only = (file: string) => (f: string) => f === file;
    const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(chromiumPath({}, "darwin", only(mac))).toBe(mac);
    const win = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
    expect(chromiumPath({ PROGRAMFILES: "C:\\Program Files" }, "win32", only(win))).toBe(win);
    expect(chromiumPath({}, "linux", only("/usr/bin/chromium-browser"))).toBe(
      "/usr/bin/chromium-browser",
    );
    // Debian's package first, as CI installs it.
    expect(chromiumPath({}, "linux", () => true)).toBe("/usr/bin/chromium");
  });

  it("names the usual place when none exists, so the message says where it looked", () => {
    expect(chromiumPath({}, "linux", none)).toBe("/usr/bin/chromium");
    expect(chromiumPath({}, "darwin", none)).toMatch(/^\/Applications\//);
  });
});
