import { isValidSiren, isValidSiret } from '../siret';
import { prepareName, type PreparedName } from './names';
import { cityKey, normalisePhoneDigits } from './shops';
import { prepareStreet, type PreparedStreet } from './streets';
import type { ShopClues } from './types';

// ------------------------------------------------------------------------------------------------
// Decision: the clues of a receipt, checked (SIRET and SIREN keys, VAT key, phone)
// ------------------------------------------------------------------------------------------------

export interface ReadClues {
  siret?: string;
  /** SIREN read alone, or in the SIRET, or in the VAT number. */
  siren?: string;
  sirenSource?: 'SIRET' | 'SIREN' | 'VAT';
  phone?: string;
  sign?: PreparedName;
  signRaw?: string;
  street?: PreparedStreet;
  postcode?: string;
  city?: string;
}

export function readClues(c: ShopClues): ReadClues {
  const out: ReadClues = {};
  const siret = c.siret?.replace(/[\s.]/g, '');
  if (siret && isValidSiret(siret)) out.siret = siret;
  const siren = c.siren?.replace(/[\s.]/g, '');
  const vat = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec((c.vatNumber ?? '').replace(/[\s.]/g, '').toUpperCase());
  if (out.siret) {
    out.siren = out.siret.slice(0, 9);
    out.sirenSource = 'SIRET';
  } else if (siren && isValidSiren(siren)) {
    out.siren = siren;
    out.sirenSource = 'SIREN';
  } else if (vat && isValidSiren(vat[2]!) && vatKeyAgrees(vat[1]!, vat[2]!)) {
    out.siren = vat[2]!;
    out.sirenSource = 'VAT';
  }
  const phone = c.phone ? normalisePhoneDigits(c.phone) : undefined;
  if (phone) out.phone = phone;
  if (c.sign && c.sign.trim().length > 0) {
    const p = prepareName(c.sign);
    if (p.full.replace(/ /g, '').length >= 3) {
      out.sign = p;
      out.signRaw = c.sign.trim();
    }
  }
  const street = c.street ? prepareStreet(c.street) : undefined;
  if (street) out.street = street;
  if (c.postcode && /^\d{5}$/.test(c.postcode)) out.postcode = c.postcode;
  if (c.city && c.city.trim().length > 0) out.city = cityKey(c.city);
  return out;
}

function vatKeyAgrees(key: string, siren: string): boolean {
  if (!/^\d{2}$/.test(key)) return true; // alphanumeric keys cannot be verified
  return String((12 + 3 * Number(BigInt(siren) % 97n)) % 97).padStart(2, '0') === key;
}
