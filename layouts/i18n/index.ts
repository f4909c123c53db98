import { ar } from "./ar.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import type { Dictionary } from "./types.ts";

/**
 * The interface languages, one dictionary each; `site.lang` in
 * nashra.config.ts (or NASHRA_LANG, or `npm run build -- --lang`) chooses one.
 * A new language is a file like ar.ts, typed `Dictionary`, added here.
 */
export const DICTIONARIES = { ar, en, fr } satisfies Record<string, Dictionary>;

export type Language = keyof typeof DICTIONARIES;

export const LANGUAGES = Object.keys(DICTIONARIES) as Language[];

export function isLanguage(lang: string): lang is Language {
  return Object.hasOwn(DICTIONARIES, lang);
}

/** The dictionary of a language, or an error that says which languages there are. */
export function dictionaryFor(lang: string): Dictionary {
  if (!isLanguage(lang))
    throw new Error(
      `site.lang is "${lang}": the interface has dictionaries for ${LANGUAGES.join(", ")} (layouts/i18n/)`,
    );
  return DICTIONARIES[lang];
}
