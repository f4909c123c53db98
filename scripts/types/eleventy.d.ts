/**
 * The small part of Eleventy 3's API that Nashra uses. Eleventy ships no type
 * declarations; these follow its documentation and source (v3.1.8).
 */
declare module "@11ty/eleventy" {
  export interface ProjectDirectories {
    input: string;
    includes: string;
    layouts?: string;
    data: string;
    output: string;
  }

  export interface EventArguments {
    directories: ProjectDirectories;
    runMode: "build" | "serve" | "watch";
    outputMode: "fs" | "json" | "ndjson";
    incremental: boolean;
    results?: {
      inputPath: string;
      outputPath: string | false;
      url: string | false;
      content: string;
    }[];
  }

  export interface UserConfig {
    directories: ProjectDirectories;
    addPlugin<O>(
      plugin: (config: UserConfig, options: O) => void | Promise<void>,
      options?: O,
    ): void;
    addExtension(extensions: string | string[], options: { key: string }): void;
    addTemplateFormats(formats: string | string[]): void;
    addGlobalData(name: string, data: unknown): void;
    addPassthroughCopy(copy: string | Record<string, string>): void;
    addWatchTarget(path: string): void;
    setLibrary(name: "md", library: unknown): void;
    setFrontMatterParsingOptions(options: {
      engines?: Record<string, (text: string) => unknown>;
    }): void;
    setQuietMode(quiet: boolean): void;
    on(
      event: "eleventy.before" | "eleventy.after",
      callback: (args: EventArguments) => unknown,
    ): void;
    ignores: Set<string>;
    setUseGitIgnore(use: boolean): void;
    setServerOptions(options: Record<string, unknown>): void;
  }

  export interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    runMode?: "build" | "serve" | "watch";
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
  }
}
