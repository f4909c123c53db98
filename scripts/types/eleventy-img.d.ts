/** The part of @11ty/eleventy-img 6's JavaScript API that Nashra uses (it ships no types). */
declare module "@11ty/eleventy-img" {
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    filename: string;
    url: string;
    outputPath: string;
    size: number;
    /** With `dryRun`: the file's bytes (nothing is written). */
    buffer?: Buffer;
  }
  export interface ImageOptions {
    widths?: (number | "auto" | null)[];
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    dryRun?: boolean;
    useCache?: boolean;
    fixOrientation?: boolean;
    concurrency?: number;
    filenameFormat?: (id: string, src: string, width: number, format: string) => string;
    sharpAvifOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpPngOptions?: Record<string, unknown>;
  }
  function Image(
    src: string | Buffer,
    options?: ImageOptions,
  ): Promise<Record<string, ImageStat[]>>;
  export default Image;
}
