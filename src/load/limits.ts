/**
 * Hard limits on an input file. Past any of them the file is refused with a diagnostic at the
 * place where the limit is crossed; nothing is rendered. README ("Límites") lists them.
 */
export const LIMITS = {
  /** Bytes of one input file. */
  fileBytes: 2 * 1024 * 1024,
  /** Characters of one text value (a narrative, a name). */
  textLength: 20_000,
  /** Characters of a short text: names, units, labels, titles. */
  nameLength: 500,
  /** Characters of `programa.id` (the file name must stay well under the system's 255 bytes). */
  idLength: 100,
  /** Levels of nested maps and lists. */
  depth: 20,
  /** YAML aliases (`*ancla`) in one file. */
  aliases: 100,
  /** Components, indicators, regions, recommendations, observations, findings: items of one list. */
  listItems: 200,
} as const;

/** Plausibility: past these a file renders, with a warning. */
export const PLAUSIBLE = {
  inflactor: [0.5, 2] as const,
  components: 50,
  indicators: 50,
};
