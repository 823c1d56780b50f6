/**
 * French formats for what the apps show: money (the API counts integer cents), dates (local dates
 * of Europe/Paris and UTC instants), confidences, and the API's statuses and codes in words.
 */

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const TIME_ZONE = 'Europe/Paris';
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const INSTANT = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const SHORT_INSTANT = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });

/** 1250 -> "12,50 €" (non-breaking spaces as French typography wants them). */
export function euros(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  // Integer cents to euros without a float rounding surprise: the division is exact to 2 places.
  return EUROS.format(cents / 100);
}

/** A count: 12345 -> "12 345". */
export function count(n: number): string {
  return INTEGER.format(n);
}

/**
 * What a person typed as an amount in euros, in integer cents: "12,50", "12.5", "1 234,56 €",
 * "12" -> 1250, 1250, 123456, 1200; undefined when it is not an amount (or has more than 2 decimals).
 * Computed on the digits, never through a float.
 */
export function parseEuros(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f€]/g, '').replace(/^\+/, '');
  const m = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return undefined;
  return m[1] === '-' ? -cents : cents;
}

/** Cents as an editable amount: 1250 -> "12,50" (what parseEuros reads back). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage: 1250 -> "12,5 %". */
export function percentFromBps(bps: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(bps / 100)} %`;
}

/** "12,5" or "12.5" (%) -> 1250 basis points; undefined when it is not a percentage with at most 2 decimals. */
export function parsePercentToBps(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f%]/g, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A reading confidence (0..1): 0.79 -> "79 %". */
export function confidence(c: number): string {
  return `${Math.round(c * 100)} %`;
}

/** A local date "2026-12-03" -> "3 décembre 2026" (the date as written, whatever the browser's zone). */
export function longDate(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return LONG_DATE.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A UTC instant -> "3 décembre 2026 à 10:41" in Paris time. */
export function instant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : INSTANT.format(d);
}

/** A UTC instant -> "03/12/2026 10:41" in Paris time, for dense tables. */
export function shortInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : SHORT_INSTANT.format(d);
}

/** Today in Paris as YYYY-MM-DD. */
export function todayInParis(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts; // en-CA writes YYYY-MM-DD
}

/** "81234567600017" -> "812 345 676 00017" (SIREN in groups of three, then the NIC). */
export function siret(s: string): string {
  return /^\d{14}$/.test(s) ? `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}` : s;
}

export const RECEIPT_STATUS: Record<string, string> = {
  AWAITING_UPLOAD: 'En attente de la photo',
  PROCESSING: 'En cours de traitement',
  IN_REVIEW: 'En revue',
  CREDITED: 'Remboursé',
  REJECTED: 'Refusé',
};

export const CAMPAIGN_STATUS: Record<string, string> = {
  DRAFT: 'Brouillon',
  ACTIVE: 'En cours',
  PAUSED: 'En pause',
  CLOSED: 'Clôturée',
};

export const CAMPAIGN_KIND: Record<string, string> = {
  CASHBACK: 'Remise en argent',
  GIFT_ALLOWANCE: 'Enveloppe cadeau',
  WELCOME_BONUS: 'Bonus de bienvenue',
  LOYALTY: 'Fidélité',
};

export const MERCHANT_STATUS: Record<string, string> = { ACTIVE: 'Actif', SUSPENDED: 'Suspendu' };

export const PAYOUT_STATUS: Record<string, string> = {
  BUILDING: 'En préparation',
  READY: 'Prêt à envoyer',
  SETTLED: 'Réglé',
};

export const PERIOD: Record<string, string> = { DAY: 'jour', WEEK: 'semaine', MONTH: 'mois', CAMPAIGN: 'opération' };

export const WEEKDAYS: Array<[string, string]> = [
  ['MON', 'lundi'],
  ['TUE', 'mardi'],
  ['WED', 'mercredi'],
  ['THU', 'jeudi'],
  ['FRI', 'vendredi'],
  ['SAT', 'samedi'],
  ['SUN', 'dimanche'],
];

export const REJECTION_CODE: Record<string, string> = {
  UNSUPPORTED_FILE: 'Fichier non pris en charge',
  TOO_LARGE: 'Fichier trop lourd',
  UNREADABLE: 'Ticket illisible',
  DUPLICATE_IMAGE: 'Photo déjà envoyée',
  DUPLICATE_RECEIPT: 'Achat déjà envoyé',
  MERCHANT_NOT_FOUND: 'Commerce inconnu',
  MERCHANT_NOT_ELIGIBLE: 'Commerce hors opération',
  NO_ACTIVE_CAMPAIGN: 'Aucune opération en cours',
  OUTSIDE_CAMPAIGN_PERIOD: 'Achat hors période',
  RECEIPT_TOO_OLD: 'Ticket trop ancien',
  FUTURE_DATE: 'Date dans le futur',
  BELOW_MINIMUM: 'Sous le minimum',
  CAP_REACHED: 'Plafond atteint',
  BUDGET_EXHAUSTED: 'Budget épuisé',
  WELCOME_BONUS_USED: 'Bonus de bienvenue déjà utilisé',
  LOYALTY_NOT_DUE: 'Fidélité seule, bonus non dû',
  REJECTED_BY_REVIEWER: 'Refusé par un agent',
};

/** The staff audit trail's actions (operationIds of docs/openapi.json) in words. */
export const AUDIT_ACTION: Record<string, string> = {
  createCampaign: 'Création d’une campagne',
  updateDraftCampaign: 'Modification d’un brouillon de campagne',
  activateCampaign: 'Activation d’une campagne',
  pauseCampaign: 'Mise en pause d’une campagne',
  resumeCampaign: 'Reprise d’une campagne',
  topUpCampaign: 'Recharge du budget d’une campagne',
  closeCampaign: 'Clôture d’une campagne',
  campaignLedgerCsv: 'Téléchargement du grand livre d’une campagne',
  depositMerchantFunds: 'Dépôt d’un commerce',
  reverseReceipt: 'Annulation d’un remboursement',
  getReceiptForStaff: 'Consultation d’un ticket',
  listReceiptsOfResident: 'Consultation des tickets d’un habitant',
  listReview: 'Consultation de la file de revue',
  decideReceipt: 'Décision sur un ticket en revue',
  runPayouts: 'Lancement des versements',
  payoutFile: 'Téléchargement d’un fichier de virements',
  payoutCsv: 'Téléchargement du CSV d’un lot de virements',
  settlePayout: 'Règlement d’un lot de virements',
  rejectPayoutItem: 'Rejet d’un virement par la banque',
  createMerchant: 'Inscription d’un commerce',
  importMerchants: 'Import d’une liste de commerces',
  updateMerchant: 'Modification d’un commerce',
  registerCounterResident: 'Inscription d’un habitant au guichet',
  listCounterResidents: 'Recherche d’habitants du guichet',
  getCounterResident: 'Consultation d’un habitant du guichet',
  sendReceiptAtCounter: 'Envoi d’un ticket au guichet',
  setCounterPayoutAccount: 'Compte de versement saisi au guichet',
  counterStatement: 'Relevé d’un habitant du guichet',
  exportCounterResident: 'Export des données d’un habitant du guichet',
  eraseCounterResident: 'Effacement d’un habitant du guichet',
};

export const AUDIT_TARGET: Record<string, string> = {
  campaign: 'Campagne',
  merchant: 'Commerce',
  receipt: 'Ticket',
  payout: 'Lot de virements',
  ledger: 'Grand livre',
  resident: 'Habitant',
};

/** A label from one of the maps above, or the code itself when the map does not know it. */
export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return map[code] ?? code;
}

/** French plural of a count: plural(2, 'ticket') -> "2 tickets". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n <= 1 ? one : many}`;
}
