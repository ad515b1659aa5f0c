/**
 * Common French words, lower case and without accents: a text layer whose words are mostly not of this
 * kind is garbage (a font without a usable ToUnicode map, or a poor OCR layer). Function words make up
 * about 40 % of running French, council vocabulary most of the rest of a deliberation's common words.
 * Kept in code, not in rules/: the rule loader reads every rules/**.json as a rule file.
 */
const WORDS = `
a au aux avec ce ces cet cette chacun comme contre dans de des du elle elles en entre est et etre eu il ils
je la le les leur leurs lui mais me meme mes moi mon ne ni nos notre nous on ont ou par pas pour qu que qui sa
sans se ses si son sont sur ta te tes toi ton tous tout toute toutes tu un une vos votre vous y ete etait
etaient sera seront ainsi apres avant aussi autre autres bien deja donc dont encore ici lors moins non oui
plus peut doit fait faire avoir sous selon vers chaque celui celle ceux afin alors depuis pendant
conseil municipal municipale communautaire communaute commune communes maire adjoint adjoints adjointe
deliberation deliberations seance seances seance president presidente secretaire membres membre
presents present presente absents absent absente excuse excuses excusee pouvoir pouvoirs procuration
vote votes voix votants votant unanimite majorite abstention abstentions contre pour adopte adoptee
approuve approuvee approbation decide decision decisions considerant vu article articles code general
collectivites territoriales loi decret arrete arretes budget budgetaire montant euros total taux annee
mois jour janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche deux trois quatre cinq six sept huit neuf dix onze
douze vingt trente cent mille premier ordre objet projet rapport rapporteur commission travaux marche
convention contrat subvention subventions tarif tarifs redevance taxe eau assainissement voirie ecole
ecoles salle mairie service services public publique personnel poste emploi agent agents
monsieur madame messieurs mesdames mme mm
ville departement region etat prefecture prefet compte rendu proces verbal registre extrait
exercice fonctionnement investissement recettes depenses credits credit dossier demande
autorise autoriser charge signer signature document documents necessaires relatif relative
nombre date lieu heure heures sont modification modificative acquisition cession terrain parcelle
`;

/** The list as a set, for lookups. */
export const FRENCH_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/u).filter((w) => w !== ""));
