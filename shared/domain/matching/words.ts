// ------------------------------------------------------------------------------------------------
// Text normalisation
// ------------------------------------------------------------------------------------------------

export const LEGAL_FORMS = new Set([
  'SARL', 'SAS', 'SASU', 'EURL', 'SA', 'SNC', 'SCI', 'EI', 'EIRL', 'SCOP', 'SCA', 'SELARL', 'SELAS', 'GIE', 'ETS', 'STE', 'CIE', 'EARL', 'GAEC',
  'SOCIETE', 'ETABLISSEMENTS', 'ETABLISSEMENT', 'ENTREPRISE', 'MICRO', 'AUTO-ENTREPRENEUR',
]);

/** Words that name nothing in particular. */
export const STOP_WORDS = new Set(['LE', 'LA', 'LES', 'L', 'D', 'DE', 'DU', 'DES', 'AU', 'AUX', 'ET', 'A', 'EN', 'SUR', 'SOUS', 'PAR', 'POUR', 'UN', 'UNE', 'THE', 'AND', 'MON', 'MA', 'MES', 'NOS', 'VOS', 'Y']);

/** Trade words, grouped in families: two names whose trades share no family name two shops. */
const TRADE_FAMILIES: Record<string, string[]> = {
  bakery: ['BOULANGERIE', 'BOULANGER', 'BOULANGERE', 'PATISSERIE', 'PATISSIER', 'VIENNOISERIE', 'FOURNIL', 'PAIN', 'PAINS', 'BOULANGE'],
  butcher: ['BOUCHERIE', 'BOUCHER', 'CHARCUTERIE', 'CHARCUTIER', 'VOLAILLES', 'VOLAILLE', 'TRAITEUR', 'TRIPERIE'],
  cheese: ['FROMAGERIE', 'FROMAGER', 'FROMAGES', 'CREMERIE', 'CREMIER', 'LAITERIE'],
  fish: ['POISSONNERIE', 'POISSONNIER', 'MAREE', 'POISSONS', 'COQUILLAGES'],
  wine: ['CAVE', 'CAVES', 'CAVISTE', 'VINS', 'VIN', 'SPIRITUEUX', 'BIERES'],
  grocery: ['EPICERIE', 'EPICIER', 'ALIMENTATION', 'SUPERETTE', 'SUPERMARCHE', 'MARKET', 'BIO', 'VRAC'],
  greengrocer: ['PRIMEUR', 'PRIMEURS', 'FRUITS', 'LEGUMES', 'MARAICHER'],
  books: ['LIBRAIRIE', 'LIBRAIRE', 'LIVRES', 'BOUQUINERIE', 'PAPETERIE', 'PRESSE', 'BD'],
  tobacco: ['TABAC', 'TABACS', 'PRESSE', 'JOURNAUX', 'LOTO'],
  pharmacy: ['PHARMACIE', 'PARAPHARMACIE', 'HERBORISTERIE'],
  optician: ['OPTIQUE', 'OPTICIEN', 'OPTICIENS', 'LUNETTES', 'LUNETIER'],
  hair: ['COIFFURE', 'COIFFEUR', 'COIFFEUSE', 'BARBIER', 'BARBER', 'SALON'],
  beauty: ['INSTITUT', 'BEAUTE', 'ESTHETIQUE', 'ONGLERIE', 'SPA', 'PARFUMERIE', 'SALON'],
  flowers: ['FLEURS', 'FLEURISTE', 'FLEUR', 'JARDINERIE'],
  bar: ['BAR', 'CAFE', 'BRASSERIE', 'BISTROT', 'BISTRO', 'PUB', 'TAVERNE', 'ESTAMINET'],
  restaurant: ['RESTAURANT', 'RESTO', 'BRASSERIE', 'BISTROT', 'BISTRO', 'PIZZERIA', 'PIZZA', 'CREPERIE', 'TRATTORIA', 'KEBAB', 'SUSHI', 'BURGER', 'AUBERGE', 'GRILL', 'ROTISSERIE', 'SNACK', 'CANTINE', 'TRAITEUR'],
  sweets: ['CHOCOLATERIE', 'CHOCOLATIER', 'CONFISERIE', 'CONFISEUR', 'GLACIER', 'GLACES'],
  coffee: ['TORREFACTEUR', 'TORREFACTION', 'CAFE', 'THE', 'THES', 'SALON'],
  jewellery: ['BIJOUTERIE', 'BIJOUTIER', 'BIJOUX', 'HORLOGERIE', 'HORLOGER', 'JOAILLERIE', 'JOAILLIER'],
  shoes: ['CHAUSSURES', 'CORDONNERIE', 'CORDONNIER', 'MAROQUINERIE'],
  clothes: ['MODE', 'VETEMENTS', 'BOUTIQUE', 'PRET-A-PORTER', 'LINGERIE', 'MERCERIE', 'TEXTILE'],
  hardware: ['QUINCAILLERIE', 'DROGUERIE', 'BRICOLAGE', 'OUTILLAGE'],
  sport: ['SPORT', 'SPORTS', 'CYCLES', 'VELO', 'VELOS', 'SKI'],
  toys: ['JOUETS', 'JEUX', 'LUDOTHEQUE'],
  garage: ['GARAGE', 'AUTO', 'AUTOMOBILES', 'CARROSSERIE', 'PNEUS', 'MOTO'],
  home: ['DECORATION', 'DECO', 'MEUBLES', 'LITERIE', 'ELECTROMENAGER', 'CUISINE', 'ARTS'],
  pets: ['ANIMALERIE', 'TOILETTAGE'],
  photo: ['PHOTO', 'PHOTOGRAPHE', 'IMPRIMERIE', 'REPROGRAPHIE'],
  computers: ['INFORMATIQUE', 'TELEPHONIE', 'MULTIMEDIA'],
  music: ['MUSIQUE', 'DISQUES', 'INSTRUMENTS'],
};

export const TRADE_OF = new Map<string, string[]>();
for (const [family, words] of Object.entries(TRADE_FAMILIES)) {
  for (const w of words) TRADE_OF.set(w, [...(TRADE_OF.get(w) ?? []), family]);
}
/** Words that are trades but also sound like shop names on their own. */
export const GENERIC_WORDS = new Set([...TRADE_OF.keys(), 'CHEZ', 'MAISON', 'COMMERCE', 'MAGASIN', 'ATELIER', 'COMPTOIR', 'ARTISAN', 'ARTISANALE', 'ARTISANAL', 'TRADITION', 'TRADITIONNELLE']);

/** Trade families of NAF codes (the most common ones of local shops). */
export const NAF_FAMILIES: Record<string, string[]> = {
  '10.71C': ['bakery'], '10.71D': ['bakery'], '47.24Z': ['bakery', 'sweets'], '10.13B': ['butcher'], '47.22Z': ['butcher'],
  '47.23Z': ['fish'], '47.25Z': ['wine'], '47.29Z': ['grocery', 'cheese'], '47.11B': ['grocery'], '47.11C': ['grocery'], '47.11D': ['grocery'],
  '47.21Z': ['greengrocer', 'grocery'], '47.61Z': ['books'], '47.62Z': ['books', 'tobacco'], '47.26Z': ['tobacco'], '47.73Z': ['pharmacy'],
  '47.78A': ['optician'], '96.02A': ['hair'], '96.02B': ['beauty'], '47.76Z': ['flowers'], '56.30Z': ['bar'], '56.10A': ['restaurant'],
  '56.10C': ['restaurant'], '56.21Z': ['restaurant'], '47.77Z': ['jewellery'], '47.72A': ['shoes'], '95.23Z': ['shoes'], '47.71Z': ['clothes'],
  '47.51Z': ['clothes'], '47.52A': ['hardware'], '47.52B': ['hardware'], '47.64Z': ['sport'], '47.65Z': ['toys'], '45.20A': ['garage'],
  '47.59A': ['home'], '47.59B': ['home'], '47.54Z': ['home'], '47.76A': ['pets'], '74.20Z': ['photo'], '47.41Z': ['computers'], '47.42Z': ['computers'],
  '47.63Z': ['music'], '47.75Z': ['beauty'], '10.82Z': ['sweets'], '10.52Z': ['sweets'],
};

/** Digits an OCR engine reads in place of letters, inside a word that has letters. */
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '6': 'G', '2': 'Z', '4': 'A' };

/** Upper-case words, accents and punctuation removed, OCR digit/letter confusions inside words folded. */
export function foldWords(raw: string): string[] {
  const text = raw
    // A lower-case l or a bar amid capitals is an I misread ("ElISE", "EL|SE").
    .replace(/(?<=\p{Lu})[l|!](?=\p{Lu}|[^\p{L}]|$)/gu, 'I')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[Œ]/g, 'OE')
    .replace(/[Æ]/g, 'AE')
    .replace(/&/g, ' ET ')
    .replace(/['’`´]/g, ' ')
    .replace(/[^A-Z0-9]+/g, ' ');
  const words: string[] = [];
  for (const w of text.split(' ')) {
    if (w.length === 0) continue;
    if (w === 'DV') {
      words.push('DU'); // V for U, the commonest misreading of this word
      continue;
    }
    words.push(/[A-Z]/.test(w) && /\d/.test(w) && !/^\d+(BIS|TER|[A-Z])?$/.test(w) ? w.replace(/\d/g, (d) => DIGIT_AS_LETTER[d] ?? d) : w);
  }
  return words;
}

/** Upper-case, accents and punctuation removed, legal forms dropped, spaces folded. */
export function normaliseName(name: string): string {
  return foldWords(name)
    .filter((w) => !LEGAL_FORMS.has(w))
    .join(' ');
}
