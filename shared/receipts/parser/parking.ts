/**
 * Parking tickets: whether a document is one, of which kind, and what it says.
 *
 * - `CAR_PARK`: a car park's ticket, paid at the exit or at a pay station ("PARKING", "Parc de
 *   stationnement", "Entrée" / "Sortie", "Arrivée" / "Départ", a level, a barrier, a pay station);
 * - `ON_STREET`: a pay machine's ticket on the street ("horodateur", "parcmètre", "stationnement
 *   payant", a tariff zone, "Début" / "Fin", "Valable jusqu'au", "à placer derrière le pare-brise").
 *
 * A document is taken for a parking ticket on what it is built like (labelled entry and exit
 * times, a duration, a pay machine's number, a zone, a plate) and not on one word: a shop's
 * receipt that offers "parking gratuit 1h" is not one. A parking fine (forfait post-stationnement,
 * FPS: "avis de paiement", ANTAI, a finding by an agent, its reduced or increased amount) or the
 * receipt of its payment is never a ticket: it is marked as a fine, whatever else it prints.
 *
 * The amount paid is the receipt's total where the total reader found it on a paid amount's line,
 * or the amount on a parking payment line ("Montant payé", "Payé", "Tarif", "Prix"); a tariff
 * ("1,20 €/h"), the FPS a ticket warns about, the tax lines never are. The plate printed on a
 * ticket is used only as a sign that the document is one: it is never kept.
 */
import type { ExtractionParking } from '../extraction';
import { type Field, type Line, clamp, ocrFactor, round2 } from './common';
import { readParkingTimes, resolveTimes } from './parking-times';

/** Operators of car parks and on-street parking in France, by the spellings their tickets print. */
const OPERATORS: Array<[RegExp, string]> = [
  [/\b(PARK\s?)?INDIGO\b/, 'Indigo'],
  [/\bVINCI\s?PARK\b/, 'Vinci Park'],
  [/\bSAEMES\b/, 'Saemes'],
  [/\bEFFIA\b/, 'Effia'],
  [/\bQ[- ]?PARK\b/, 'Q-Park'],
  [/\bINTERPARKING\b/, 'Interparking'],
  [/\bONEPARK\b/, 'Onepark'],
  [/\bZENPARK\b/, 'Zenpark'],
  [/\bURBIS\s?PARK\b/, 'Urbis Park'],
  [/\bSPIE\s+AUTOCITE\b|\bAUTOCITE\b/, 'Autocité'],
  [/\bCITEPARK\b/, 'Citepark'],
  [/\bTRANSDEV\s+PARK\b/, 'Transdev Park'],
  [/\bSAGS\b/, 'SAGS'],
  [/\bPARKEON\b/, 'Parkeon'],
  [/\bFLOWBIRD\b/, 'Flowbird'],
];

/** What names a parking document (title, machine), with its weight; matched on folded text. */
const TITLES = /\bTICKET\s+(DE\s+)?(STATIONNEMENT|PARKING|SORTIE|PARC)\b|\bPARCS?\s+(DE\s+)?STATIONNEMENT\b|\bSTATIONNEMENT\s+(PAYANT|SUR VOIRIE|MUNICIPAL|RESIDENT\w*)\b|\bPARKINGS?\b|\bPARC[- ]?AUTOS?\b|\bSTATIONNEMENT\b/;
const MACHINE = /\bHORODATEUR\b|\bPARC?METRE\b|\bBORNE\s+(DE\s+)?(PAIEMENT|STATIONNEMENT|N)|\bCAISSE\s+AUTOMATIQUE\b|\bAPS\s*N?\s*°?\s*\d|\bMACHINE\s+N\b|\bTERMINAL\s+N\b/;
/** What only a ticket of the street prints: its machine, its zone, its start and end, where to put it; the FPS it warns of; no VAT (a public fee). */
const ON_STREET_MARKS = [
  /\bHORODATEUR\b|\bPARC?METRE\b/,
  /\bSTATIONNEMENT\s+PAYANT\b|\bVOIRIE\b/,
  /\bZONE\b|\bSECTEUR\b|\bRESIDENT\w*\b/,
  /\bPARE[- ]?BRISE\b|\bTABLEAU\s+DE\s+BORD\b|\bAPPOSER\b|\bVISIBLE\b/,
  /\bDEBUT\b/,
  /\bFIN\b|\bEXPIR\w*\b|\b(VALABLE|VALIDE)\s+JUSQU/,
  /\bEMIS\b|\bDELIVRE\b/,
  /\bFPS\b|\bFORFAIT\s+POST/,
  /\bNON\s+SOUMIS\b|\bEXONERE\b/,
];
/** What only a car park's ticket prints: the car park, its levels and barrier, its pay stations, entry and exit, VAT. */
const CAR_PARK_MARKS = [
  /\bPARKINGS?\b|\bPARCS?\s+(DE\s+)?STATIONNEMENT\b|\bPARC[- ]?AUTOS?\b/,
  /\bNIVEAU\b|\bBARRIERE\b|\bSOUTERRAIN\b|\bPLACE\s+N\b|\bABONNE\w*\b/,
  /\bCAISSE\s+AUTOMATIQUE\b|\bAPS\s*N?\s*°?\s*\d|\bBORNE\s+(DE\s+)?PAIEMENT\b/,
  /\bTICKET\s+(DE\s+)?SORTIE\b|\bTICKET\s+PERDU\b/,
  /\bENTREE\b/,
  /\bSORTIE\b|\bDEPART\b/,
  /^(DONT\s+)?T\.?V\.?A\b.*\d|\bTOTAL\s+HT\b|\bMONTANT\s+HT\b/m,
];
const STREET_MACHINE = /\bHORODATEUR\b|\bPARC?METRE\b/;
/** A French plate, new (AB-123-CD) or old (1234 AB 56). */
const PLATE = /\b[A-HJ-NP-TV-Z]{2}[- ]?\d{3}[- ]?[A-HJ-NP-TV-Z]{2}\b|\bIMMATRICULATION\b|\bPLAQUE\b/;
const ZONE = /\bZONE\s*(?:N\s*°?\s*|:\s*|-\s*)?(ROUGE|VERTE?|ORANGE|JAUNE|BLEUE?|VIOLETTE|GRISE|BLANCHE|NOIRE|MARRON|ROSE|COURTE\s+DUREE|LONGUE\s+DUREE|RESIDENTIELLE|ROTATIVE|MIXTE|[A-Z]?\d{1,2}[A-Z]?|[A-Z])\b/;

/** What a fine (forfait post-stationnement) prints, and a ticket never does. */
const FINE_MARKS = [
  /\bAVIS\s+DE\s+PAIEMENT\b|\bAVIS\s+(N|NUMERO)\b/,
  /\bANTAI\b/,
  /\bCONSTAT\w*\b/,
  /\bAGENT\b/,
  /\bMINORE\b|\bMAJORE\b|\bMINORATION\b|\bMAJORATION\b/,
  /\bPAIEMENT\s+(DU|D'UN|DE\s+VOTRE)\s+(FPS|FORFAIT)\b|\bREGLEMENT\s+(DU\s+)?FPS\b|\bFPS\s+(N|NUMERO)\b|\bN\s*°?\s*(DE\s+)?FPS\b/,
  /\bDATE\s+LIMITE\b|\bCONTESTATION\b|\bRAPO\b|\bRECOURS\b/,
];
const FINE_NAME = /\bFORFAIT\s+(DE\s+)?POST[- ]?STAT\w*|\bFPS\b/;

/** Lines whose amount is never the amount paid for parking: tariffs, the FPS a ticket warns of, taxes, change. */
const NOT_PAID = /\bFPS\b|\bFORFAIT\b|\bHORAIRE\b|\/\s*\d*\s*(H|HEURES?|MIN\w*|MN)\b|\bPAR\s+(HEURE|H|\d+\s*MIN\w*)\b|\b(H\.?T\.?|HT|TVA|T\.V\.A\.?|TAUX|BASE)\b|\bRENDU\b|\bMONNAIE\b|\bMAX\w*\b|\bPERDU\b|\bABONNEMENT\b|\bPENALITE\b|\bCAUTION\b/;
const PAID = /\bMONTANT\s+(PAYE|REGLE|ENCAISSE|TTC|DU|A\s+PAYER|TOTAL)\b|\bTOTAL\s+(TTC|PAYE|A\s+PAYER)\b|\bNET\s+A\s+PAYER\b|\bA\s+PAYER\b|\bPAYE\b|\bREGLE\b|\bMONTANT\b|\bTOTAL\b|\bTARIF\b|\bPRIX\b|\bCOUT\b|\bSOMME\b|\bREGLEMENT\b|\bPAIEMENT\b|\bCB\b|\bCARTE\b|\bESPECES\b|\bPIECES\b/;

export interface ParkingContext {
  total?: Field<number>;
  totalLine?: number;
  /** The ticket's date as the date reader found it. */
  date?: Field<string>;
  monthFirst: boolean;
}

export interface ParkingOutcome {
  parking?: ExtractionParking;
  fine?: Field<true>;
  /** The day the ticket was paid (the exit of a car park, the start on the street), when it was read. */
  paidOn?: Field<string>;
}

/** How strongly the document reads as a fine: fine marks, the FPS named near the top. */
function fineScore(lines: Line[]): number {
  const text = lines.map((l) => l.fold).join('\n');
  let score = FINE_MARKS.filter((re) => re.test(text)).length;
  const head = lines.slice(0, Math.max(6, Math.ceil(lines.length / 3)));
  if (head.some((l) => FINE_NAME.test(l.fold))) score += 1.5;
  else if (FINE_NAME.test(text)) score += 0.5;
  return score;
}

function operatorOf(lines: Line[]): string | undefined {
  for (const l of lines) for (const [re, name] of OPERATORS) if (re.test(l.fold)) return name;
  // A car park's own name near the top: "PARKING DES HALLES", "Parc de stationnement municipal".
  for (const l of lines.slice(0, 6)) {
    if (/\b(PARKINGS?|PARCS?\s+(DE\s+)?STATIONNEMENT|PARC[- ]?AUTOS?)\b/.test(l.fold) && !/\bTICKET\b|\d/.test(l.fold) && l.text.length <= 40) {
      return l.text.replace(/^[*\s-]+|[*\s-]+$/g, '');
    }
  }
  return undefined;
}

/** The amount paid, and how sure that is. */
function amountOf(lines: Line[], ctx: ParkingContext): Field<number> | undefined {
  const candidates: Array<{ cents: number; score: number; line: Line }> = [];
  for (const l of lines) {
    if (!PAID.test(l.fold) || NOT_PAID.test(l.fold)) continue;
    let a = [...l.amounts].reverse().find((x) => x.cents >= 0);
    let from = l;
    if (!a) {
      // The label alone, the amount on the next line.
      const next = lines[l.index + 1];
      a = next && next.fold.replace(/\b(EUR|EUROS|TTC)\b|[^A-Z]/g, '').length <= 3 ? [...next.amounts].reverse().find((x) => x.cents >= 0) : undefined;
      if (!a || !next) continue;
      from = next;
    }
    let score = /\bMONTANT\s+(PAYE|REGLE|TTC|A\s+PAYER)|\bTOTAL\b|\bA\s+PAYER\b|\bPAYE\b/.test(l.fold) ? 1 : /\bMONTANT\b|\bTARIF\b|\bPRIX\b|\bREGLE\b/.test(l.fold) ? 0.8 : 0.6;
    if (a.integer) score *= 0.7;
    candidates.push({ cents: a.cents, score: score * ocrFactor(from), line: from });
  }
  const total = ctx.total;
  const totalLine = ctx.totalLine !== undefined ? lines[ctx.totalLine] : undefined;
  const totalUsable = total && !(totalLine && NOT_PAID.test(totalLine.fold));
  if (candidates.length === 0) return totalUsable ? total : undefined;
  const byValue = new Map<number, number>();
  for (const c of candidates) byValue.set(c.cents, (byValue.get(c.cents) ?? 0) + c.score);
  const ranked = [...byValue.entries()].sort((a, b) => b[1] - a[1]);
  if (totalUsable && byValue.has(total.value)) {
    return { value: total.value, confidence: round2(clamp(Math.max(total.confidence, 0.8 + 0.05 * Math.min(3, byValue.get(total.value)!)), 0, 0.97)) };
  }
  const [value, weight] = ranked[0]!;
  let confidence = 0.55 + 0.25 * Math.min(1, weight);
  // Other amounts disputing it: doubtful.
  if (ranked.length > 1 && ranked[1]![1] > 0.6 * weight) confidence *= 0.7;
  // The total reader read another amount: doubtful too.
  if (totalUsable && total.value !== value) confidence *= 0.8;
  return { value, confidence: round2(clamp(confidence, 0, 0.95)) };
}

/** Items of a shop's receipt: priced lines that say nothing of parking, tax or payment. */
function shopItems(lines: Line[]): number {
  return lines.filter((l) => l.amounts.length > 0 && !PAID.test(l.fold) && !NOT_PAID.test(l.fold) && !TITLES.test(l.fold) && !/%/.test(l.text)).length;
}

/**
 * Reads a parking ticket, or marks a parking fine. Nothing when the document is neither (a shop's
 * receipt, whatever it says of parking).
 */
export function readParking(lines: Line[], ctx: ParkingContext): ParkingOutcome {
  const text = lines.map((l) => l.fold).join('\n');

  const fine = fineScore(lines);
  if (fine >= 2.5) {
    return { fine: { value: true, confidence: round2(clamp(0.55 + 0.1 * fine, 0, 0.95)) } };
  }

  const times = readParkingTimes(lines, ctx.monthFirst);
  const operator = operatorOf(lines);
  const title = lines.some((l) => TITLES.test(l.fold));
  const machine = lines.some((l) => MACHINE.test(l.fold));
  const zoneMatch = lines.map((l) => ZONE.exec(l.fold)).find((m) => m);
  const plate = lines.some((l) => PLATE.test(l.fold));
  const pair = (times.labels.has('entry') && (times.labels.has('exit') || times.labels.has('paid'))) || (times.labels.has('exit') && times.labels.has('paid'));
  const timed = times.labels.has('entry') || times.labels.has('exit');

  // Structure: times in and out, a duration, a pay machine; then names and marks.
  let score = 0;
  if (pair) score += 3;
  else if (timed) score += 1.5;
  if (times.labels.has('duration')) score += 2;
  if (machine) score += 2;
  if (title) score += 2;
  if (operator && OPERATORS.some(([, name]) => name === operator)) score += 1.5;
  if (zoneMatch) score += 1;
  if (plate) score += 1;
  if (times.labels.has('deadline')) score += 1;
  const streetMarks = ON_STREET_MARKS.filter((re) => re.test(text)).length;
  const carParkMarks = CAR_PARK_MARKS.filter((re) => re.test(text)).length;
  score += Math.min(2, 0.75 * (streetMarks + carParkMarks));
  const items = shopItems(lines);
  if (items > 2) score -= items - 2;
  const structural = pair || times.labels.has('duration') || machine || (timed && title);
  if (score < 4.5 || !structural) {
    // A document that names the FPS and is no ticket: a fine's notice the marks above missed.
    return fine >= 1.5 ? { fine: { value: true, confidence: round2(clamp(0.4 + 0.1 * fine)) } } : {};
  }

  const streetMachine = lines.some((l) => STREET_MACHINE.test(l.fold));
  const kind: ExtractionParking['kind'] = streetMarks > carParkMarks || (streetMarks === carParkMarks && streetMachine) ? 'ON_STREET' : 'CAR_PARK';

  const resolved = resolveTimes(times, ctx.date?.value, kind);
  const amount = amountOf(lines, ctx);

  // How sure: that it is a ticket (its structure), that its amount is right, that its times hold together.
  const detection = clamp(0.55 + 0.06 * score);
  let confidence = amount ? 0.5 * detection + 0.5 * amount.confidence : Math.min(detection, 0.3);
  if (resolved.agreement === 1) confidence += 0.04;
  if (resolved.agreement === -1) confidence *= 0.6;
  if (!resolved.entryAt && !resolved.exitAt) confidence *= 0.85;
  // Nothing tells a car park from the street: the kind is a guess.
  if (streetMarks + carParkMarks === 0) confidence *= 0.6;
  else if (Math.abs(streetMarks - carParkMarks) <= 1) confidence *= 0.9;

  const zone = zoneMatch?.[1]?.replace(/\s+/g, ' ');
  const parking: ExtractionParking = {
    kind,
    ...(operator ? { operator } : {}),
    ...(resolved.entryAt ? { entryAt: resolved.entryAt } : {}),
    ...(resolved.exitAt ? { exitAt: resolved.exitAt } : {}),
    ...(resolved.durationMinutes !== undefined ? { durationMinutes: resolved.durationMinutes } : {}),
    ...(amount ? { amountCents: amount.value } : {}),
    ...(zone ? { zone } : {}),
    confidence: round2(clamp(confidence, 0, 0.97)),
  };
  const paidOn = resolved.paidOn ? { value: resolved.paidOn, confidence: round2(Math.min(ctx.date?.confidence ?? 0.8, confidence)) } : undefined;
  return { parking, ...(paidOn ? { paidOn } : {}) };
}
