/**
 * French business identifiers: SIREN (9 digits) and SIRET (14 digits), Luhn-checked (La Poste's
 * establishments follow their own rule). One implementation, in shared/receipts/identifiers, serves
 * the parser, the directory and the domain.
 */
export { isValidSiren, isValidSiret, luhnValid } from '../receipts/identifiers';

export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}
