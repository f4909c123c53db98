import type { UserConfig } from "@11ty/eleventy";

/**
 * The render's code when a render part runs bundled (code-bundle.js,
 * renderBundle): Eleventy's configuration (.eleventy.ts) and every page
 * template of the content folder, compiled into the part's one module and
 * registered by it before the build script runs. Eleventy then takes the
 * templates from here (typescript-templates.ts) and its configuration from a
 * small JavaScript file that calls this one (renderBundle's `config`), so that
 * no module of the render goes through tsx: through tsx, each is resolved and
 * loaded by a round trip to tsx's loader thread, in each part.
 *
 * Kept on the global object, under a registered symbol: Eleventy imports that
 * configuration file itself, as a module of its own outside the bundle.
 */
export interface RenderCode {
  /** .eleventy.ts's configuration function. */
  config: (eleventyConfig: UserConfig) => unknown;
  /** Each page template's module, by its path in the content folder ("archive/day.11ty.ts"). */
  templates: ReadonlyMap<string, object>;
  /** The JavaScript file Eleventy is given as its configuration: it calls `config`. */
  configFile: string;
}

const KEY = Symbol.for("nashra.render-code");

export function registerRenderCode(code: RenderCode): void {
  (globalThis as Record<symbol, unknown>)[KEY] = code;
}

/** The code a bundle registered; none when the render runs through tsx. */
export function renderCode(): RenderCode | undefined {
  return (globalThis as Record<symbol, RenderCode | undefined>)[KEY];
}
