import YAML from "yaml";

/**
 * Front matter as YAML text, the way the `yaml` package writes it with the
 * article file's options (article-file.ts): keys in the order given, the
 * `tags` list on one line, other lists one item a line, no line folding.
 *
 * The package decides quoting and layout through its document API, which
 * costs about a tenth of the import's CPU (a node for every value, a pass of
 * the schema's tests over each string). Most front matter is made of text
 * that the package writes either as it is or in double quotes with nothing
 * escaped, so `quickYaml` writes those directly and gives up (undefined) on
 * anything else — an empty string, control characters, backslashes, a double
 * quote inside a value that needs quoting, a line that looks like a document
 * marker — which the package then writes whole. A property test holds
 * `quickYaml` to the package's text byte for byte wherever it answers.
 */

export type FrontMatterValue =
  | string
  | number
  | readonly string[]
  | Readonly<Record<string, string | number>>
  | readonly Readonly<Record<string, string | number>>[];

const OPTIONS = { lineWidth: 0, indentSeq: true, flowCollectionPadding: false } as const;

/** The fields as the `yaml` package writes them, `flowKeys` as one-line lists. */
export function frontMatterYaml(
  fields: Readonly<Record<string, FrontMatterValue>>,
  flowKeys: ReadonlySet<string>,
): string {
  return quickYaml(fields, flowKeys) ?? packageYaml(fields, flowKeys);
}

/** The package's own writing: the reference the quick path is held to. */
export function packageYaml(
  fields: Readonly<Record<string, FrontMatterValue>>,
  flowKeys: ReadonlySet<string>,
): string {
  const doc = new YAML.Document(fields);
  for (const key of flowKeys) {
    const node = doc.get(key, true);
    if (YAML.isSeq(node)) node.flow = true;
  }
  return doc.toString(OPTIONS);
}

/** The fields written directly, or undefined when a value needs the package's judgement. */
export function quickYaml(
  fields: Readonly<Record<string, FrontMatterValue>>,
  flowKeys: ReadonlySet<string>,
): string | undefined {
  let out = "";
  for (const key of Object.keys(fields)) {
    const value = fields[key] as FrontMatterValue;
    if (!Array.isArray(value)) {
      if (typeof value === "object") {
        const map = quickMap(value as Record<string, string | number>, "  ", "  ");
        if (map === undefined) return undefined;
        out += `${key}:\n${map}`;
        continue;
      }
      const scalar = quickScalar(value as string | number, false);
      if (scalar === undefined) return undefined;
      out += `${key}: ${scalar}\n`;
      continue;
    }
    if (value.length === 0) {
      out += `${key}: []\n`;
      continue;
    }
    if (flowKeys.has(key)) {
      const items: string[] = [];
      for (const item of value) {
        const written = typeof item === "string" ? quickScalar(item, true) : undefined;
        if (written === undefined) return undefined;
        items.push(written);
      }
      out += `${key}: [${items.join(", ")}]\n`;
      continue;
    }
    out += `${key}:\n`;
    for (const item of value as readonly (string | Readonly<Record<string, string | number>>)[]) {
      const written =
        typeof item === "string" ? quickScalar(item, false) : quickMap(item, "  - ", "    ");
      if (written === undefined) return undefined;
      out += typeof item === "string" ? `  - ${written}\n` : written;
    }
  }
  return out;
}

/** A block map of scalars, its first line after `first`, the others after `rest`. */
function quickMap(
  map: Readonly<Record<string, string | number>>,
  first: string,
  rest: string,
): string | undefined {
  let out = "";
  for (const key of Object.keys(map)) {
    const scalar = quickScalar(map[key] as string | number, false);
    if (scalar === undefined) return undefined;
    out += `${out === "" ? first : rest}${key}: ${scalar}\n`;
  }
  return out === "" ? undefined : out;
}

// Where the package would escape, fold, or choose single quotes (a value with a double quote),
// or where its choice depends on the position (document markers): left to it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the package escapes
const LEFT_TO_THE_PACKAGE = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\\]|^(?:%|---|\.\.\.)/;
// What a plain scalar may not be, in the package's words (stringifyString.js, plainString).
const NOT_PLAIN =
  /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const FLOW_INDICATOR = /[[\]{},]/;

/**
 * Text that a YAML reader would take for another type (a number, true, null):
 * the package quotes it. The tests are the package's own, from its default
 * (core) schema.
 */
const OTHER_TYPES: readonly RegExp[] = new YAML.Document().schema.tags.flatMap((tag) =>
  tag.default && tag.tag !== "tag:yaml.org,2002:str" && "test" in tag && tag.test ? [tag.test] : [],
);

function quickScalar(value: string | number, inFlow: boolean): string | undefined {
  if (typeof value === "number")
    return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (value === "" || LEFT_TO_THE_PACKAGE.test(value)) return undefined;
  const quoted =
    NOT_PLAIN.test(value) ||
    (inFlow && FLOW_INDICATOR.test(value)) ||
    OTHER_TYPES.some((test) => test.test(value));
  if (!quoted) return value;
  // The package's double quotes are JSON's; with nothing to escape, the text itself.
  return value.includes('"') ? undefined : `"${value}"`;
}
