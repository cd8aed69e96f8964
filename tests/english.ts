/**
 * No English reaches a user. Words that are English and not Spanish; a message that
 * contains one (outside «quoted input» and `code`) came from zod, yaml, commander or Node.
 */
const ENGLISH = new Set(
  'the is are be must should expected expect received invalid string number too big small unexpected missing allowed key keys value values mapping sequence implicit nested line column found required unknown option argument arguments command cannot did you mean got but and not of at for with or to file directory such permission denied only than greater less input type object array empty indicator items item need needs start same flow block scalar tag anchor document please'.split(' '),
);

export function englishIn(message: string): string[] {
  const own = message.replace(/«[^»]*»/g, ' ').replace(/\[[a-z0-9-]+\]/g, ' ');
  return [...new Set(own.toLowerCase().match(/[a-záéíóúñü]+/g) ?? [])].filter((w) => ENGLISH.has(w));
}
