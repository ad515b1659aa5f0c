import { foldText } from "./text.js";

/** An all-capitals heading has at least this many capitalised words before any prose runs into it. */
const CAPITALS_HEADING_WORDS = 3;

/** A sentence after the colon of a heading that opens so comments on the item ("… : Nous dépendrons de …"). */
const COMMENT_OPENERS = /^(?:Nous|Il|Elle|Ils|Elles|On|Cela|Ceci)\s/u;

/**
 * A deliberation's title on one line, as printed, without what the layout ran into it:
 * - the final full stop ("Modification du texte … de la salle.");
 * - prose joined to an all-capitals heading ("… CHOIX DE L’ENTREPRISE Monsieur le Maire donne la parole à …");
 * - a vote line joined to it ("… compétences du CDG 12 votes pour");
 * and with the words hyphenated across its lines joined again ("ENSEIGNE- MENT").
 */
export function headingTitle(raw: string): string {
  // "D'ENSEIGNE-\nMENT" folded to "D'ENSEIGNE- MENT": a word typed across two lines of the heading.
  let title = foldText(raw.replace(/(\p{L})-[ \t]*\n\s*(\p{L})/gu, "$1$2"));
  const words = title.split(" ");
  const isCaps = (w: string): boolean => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w);
  if (words.slice(0, CAPITALS_HEADING_WORDS).every(isCaps)) {
    // Two words in a row with lower-case letters ("Monsieur le", "Le Maire") start the prose.
    const k = words.findIndex((w, i) => i >= CAPITALS_HEADING_WORDS && /\p{Ll}/u.test(w) && /\p{Ll}/u.test(words[i + 1] ?? ""));
    if (k > 0) title = words.slice(0, k).join(" ");
  }
  title = title.replace(/\s+\d{1,3}\s+(?:votes?|voix)\s+pour\b.*$/iu, "");
  // "Délibération renouvellement … du CDG : Renouvelée tous les 2 ans. Permet d’avoir recours …" (Couthenans
  // 2023): after the colon, sentences commenting the item, not its object.
  const comment = /^(?<object>.{10,}?)\s+:\s+(?<after>\p{Lu}.*)$/u.exec(title);
  const after = comment?.groups?.["after"] ?? "";
  if (comment?.groups !== undefined && (/\p{Ll}\.\s+\p{Lu}/u.test(after) || COMMENT_OPENERS.test(after))) title = comment.groups["object"] ?? title;
  return title.replace(/(?<!\.)\.$/u, "").trim();
}
