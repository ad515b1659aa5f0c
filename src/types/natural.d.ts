// Deep imports of `natural` (the package root prints a dotenv banner on stdout and loads in ~0.9 s).
declare module "natural/lib/natural/distance/jaro-winkler_distance.js" {
  /** Returns a SIMILARITY in 0..1 despite its name; the options object is required. */
  export default function JaroWinklerDistance(s1: string, s2: string, options: { ignoreCase?: boolean }): number;
}
declare module "natural/lib/natural/ngrams/ngrams.js" {
  const NGrams: { ngrams(sequence: string[], n: number): string[][] };
  export default NGrams;
}
declare module "natural/lib/natural/stemmers/porter_stemmer_fr.js" {
  /** Snowball's French stemmer; tokenizeAndStem lower-cases, drops French stop words and stems each token. */
  const PorterStemmerFr: { stem(token: string): string; tokenizeAndStem(text: string, keepStops?: boolean): string[] };
  export default PorterStemmerFr;
}
