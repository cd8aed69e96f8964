/**
 * Narrative text as it comes from real sources: a blank line starts a new paragraph; other line
 * breaks, tabs and runs of spaces are one space.
 */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}
