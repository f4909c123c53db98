/** The part of js-yaml 4 that Nashra uses to read front matter (the package ships no types). */
declare module "js-yaml" {
  export interface Schema {
    readonly __schema: unique symbol;
  }
  /** YAML 1.2's core schema: null, booleans, numbers, strings, lists, maps (no dates). */
  export const CORE_SCHEMA: Schema;
  export function load(text: string, options?: { schema?: Schema; filename?: string }): unknown;
  const jsyaml: { load: typeof load; CORE_SCHEMA: Schema };
  export default jsyaml;
}
