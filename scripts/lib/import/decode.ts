import { RejectedInput } from "./article.ts";

/**
 * Step 1 of the pipeline: bytes → text. Every way a file can fail to be text
 * ends here, with one sentence that names the reason.
 */

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export interface DecodeOptions {
  maxBytes: number;
}

/** Share of C0 control characters (other than tab/LF/CR/FF) above which a file is binary. */
const MAX_CONTROL_SHARE = 0.01;

export function decodeDump(bytes: Uint8Array, options: DecodeOptions): string {
  if (bytes.length === 0) throw new RejectedInput("empty file");
  if (bytes.length > options.maxBytes) {
    throw new RejectedInput(
      `too large: ${bytes.length} bytes (the limit is ${options.maxBytes}; a news article dump is far smaller)`,
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new RejectedInput("UTF-16 text is not supported yet: save the dump as UTF-8");
  }
  if (bytes.includes(0))
    throw new RejectedInput("binary file (contains NUL bytes), not a text dump");

  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new RejectedInput(
      "not valid UTF-8 (legacy encodings such as windows-1256 are not supported yet)",
    );
  }
  // The decoder strips a leading BOM; normalise every line ending to LF.
  text = text.replace(/\r\n?/g, "\n");

  let controls = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c) controls++;
  }
  if (controls > text.length * MAX_CONTROL_SHARE) {
    throw new RejectedInput("binary file (control characters), not a text dump");
  }
  if (text.trim().length === 0) throw new RejectedInput("empty file (only white space)");
  return text;
}
