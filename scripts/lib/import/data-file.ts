import jsyaml from "js-yaml";

/**
 * The importer's editable data (`scripts/data/*.yaml`: gazetteer, boilerplate,
 * function words), parsed as the front matter is (article-file.ts): js-yaml,
 * YAML 1.2's core schema. Every import thread parses them as it starts: the
 * three files (the 87 KB gazetteer most of it) in 30 ms with js-yaml, where
 * the `yaml` package took 160–175 ms, with the same values (a test compares
 * them).
 */
export function parseDataYaml(text: string): unknown {
  return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
}
