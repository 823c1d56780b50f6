/**
 * The IBAN as the resident types it, checked before it is sent (the API checks it again, with the
 * national keys): country code, the country's length (SEPA countries, ISO 13616 registry), then
 * the ISO 7064 mod 97-10 check digits. Pure functions, no dependency: the app's size stays small.
 */

/** IBAN lengths of the SEPA countries and territories. */
const LENGTHS: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23,
  GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28,
  PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** What was typed, without spaces and in capitals. */
export function compactIban(text: string): string {
  return text.replace(/[\s\u00a0-]/g, '').toUpperCase();
}

/** "FR7630006000011234567890189" -> "FR76 3000 6000 0112 3456 7890 189". */
export function groupIban(text: string): string {
  return compactIban(text).replace(/(.{4})(?=.)/g, '$1 ');
}

/** ISO 7064 mod 97-10 of an IBAN (country and check digits moved to the end, letters as 10..35). */
export function ibanMod97(iban: string): number {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const code = c.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? String(code - 55) : c;
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

export type IbanCheck =
  | { ok: true; iban: string }
  | { ok: false; complete: boolean; message: string };

/**
 * Checks an IBAN as it is typed: `complete` says whether it is long enough to be judged (while it
 * is shorter, the form says what is missing but does not call it wrong yet).
 */
export function checkIban(text: string): IbanCheck {
  const iban = compactIban(text);
  if (iban === '') return { ok: false, complete: false, message: 'Saisissez l’IBAN de votre compte (il commence par deux lettres, FR pour un compte français).' };
  if (!/^[A-Z0-9]*$/.test(iban)) return { ok: false, complete: true, message: 'Un IBAN ne contient que des lettres et des chiffres.' };
  if (!/^[A-Z]{2}/.test(iban)) return { ok: false, complete: iban.length >= 2, message: 'Un IBAN commence par le code du pays en deux lettres (FR pour la France).' };
  const country = iban.slice(0, 2);
  const length = LENGTHS[country];
  if (!length) return { ok: false, complete: true, message: `« ${country} » n’est pas un pays de la zone SEPA : les virements ne peuvent être faits que sur un compte de la zone SEPA.` };
  if (!/^[A-Z]{2}\d{2}/.test(iban)) return { ok: false, complete: iban.length >= 4, message: 'Après le code du pays viennent deux chiffres de contrôle.' };
  if (iban.length < length) return { ok: false, complete: false, message: `Il manque ${length - iban.length} caractère${length - iban.length > 1 ? 's' : ''} : un IBAN ${country} en compte ${length}.` };
  if (iban.length > length) return { ok: false, complete: true, message: `Un IBAN ${country} compte ${length} caractères ; celui-ci en a ${iban.length}.` };
  if (ibanMod97(iban) !== 1) return { ok: false, complete: true, message: 'La clé de contrôle ne correspond pas : une erreur de frappe s’est glissée dans l’IBAN. Vérifiez-le sur votre RIB.' };
  return { ok: true, iban };
}
