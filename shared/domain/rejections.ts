/** Rejection codes of the contract (docs/contracts.md, section 4), with the French message a resident reads. */
export const REJECTION_MESSAGES = {
  UNSUPPORTED_FILE: 'Ce fichier n’est pas accepté : envoyez une photo JPEG ou PNG, ou un PDF d’une seule page.',
  TOO_LARGE: 'Ce fichier est trop volumineux (10 Mo au maximum).',
  UNREADABLE: 'Nous n’avons pas pu lire ce ticket. Reprenez la photo bien à plat, nette et entière.',
  DUPLICATE_IMAGE: 'Cette photo de ticket a déjà été envoyée.',
  DUPLICATE_RECEIPT: 'Ce ticket a déjà été envoyé.',
  MERCHANT_NOT_FOUND: 'Ce commerce ne participe pas à l’opération, ou nous ne l’avons pas reconnu.',
  MERCHANT_NOT_ELIGIBLE: 'Ce commerce ne fait pas partie de l’opération en cours.',
  NO_ACTIVE_CAMPAIGN: 'Aucune opération n’est en cours pour ce commerce.',
  OUTSIDE_CAMPAIGN_PERIOD: 'Cet achat a été fait en dehors de la période de l’opération.',
  RECEIPT_TOO_OLD: 'Ce ticket est trop ancien pour être pris en compte.',
  FUTURE_DATE: 'La date de ce ticket est dans le futur.',
  BELOW_MINIMUM: 'Le montant de cet achat est inférieur au minimum de l’opération.',
  CAP_REACHED: 'Vous avez atteint le plafond de remboursement pour cette période.',
  BUDGET_EXHAUSTED: 'Le budget de l’opération est épuisé.',
  WELCOME_BONUS_USED: 'Le bonus de bienvenue de ce commerce est réservé au premier achat, et vous en avez déjà bénéficié.',
  LOYALTY_NOT_DUE: 'Seule la carte de fidélité du commerce s’applique à cet achat, et son bonus n’est pas dû sur celui-ci : elle compte les achats remboursés par une opération de la ville.',
  CAR_PARK_NOT_ELIGIBLE: 'Ce parking ne fait pas partie de l’opération « stationnement offert ».',
  NO_QUALIFYING_PURCHASE: 'Aucun achat remboursé chez un commerçant participant, du montant minimum, n’a été trouvé le même jour que ce stationnement (ou chacun valide déjà un autre ticket).',
  PARKING_FINE: 'Un forfait post-stationnement (amende) n’est jamais remboursé : seuls les tickets de parking ou d’horodateur le sont.',
  REJECTED_BY_REVIEWER: 'Ce ticket a été refusé après vérification par les services de la ville.',
  WITHDRAWN: 'Ce ticket a été retiré : vos données ont été effacées à votre demande.',
} as const;

export type RejectionCode = keyof typeof REJECTION_MESSAGES;

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export function rejection(code: RejectionCode): Rejection {
  return { code, message: REJECTION_MESSAGES[code] };
}

/** Every rejection code, for schemas that list them. */
export const REJECTION_CODES = Object.keys(REJECTION_MESSAGES) as [RejectionCode, ...RejectionCode[]];
