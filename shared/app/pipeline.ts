import { chooseCampaign } from '../domain/campaign';
import { localDate } from '../domain/dates';
import { DEFAULT_FRAUD_POLICY, type FraudPolicy } from '../domain/fraud-policy';
import { describeOpeningHours, isOpenAt, parseOpeningHours } from '../domain/opening-hours';
import { receiptIdFromObjectKey, type LookAlike, type MatchDecision, type Receipt } from '../domain/receipt';
import { euros } from '../domain/money';
import { rejection } from '../domain/rejections';
import { checkReceiptFile, sha256Hex } from '../ocr/file-check';
import { hammingDistance, hashBands, perceptualHashTurns, RECOMMENDED_BANDS } from '../ocr/perceptual-hash';
import { parseReceipt } from '../receipts/parser';
import type { Extraction } from '../receipts/extraction';
import type { AppContext } from './context';
import type { TicketReadings } from '../ports';
import { campaignsById, cashbackOptions, decisionFor, welcomeFacts } from './credits';

type ReviewCandidates = NonNullable<Receipt['review']>['candidates'];

export type StageOutcome =
  | 'IGNORED'
  | 'ALREADY_DONE'
  | 'FORWARDED'
  | 'REJECTED'
  | 'IN_REVIEW'
  | 'CREDITED';

/** An OCR engine's error that no retry will cure (e.g. a PDF with nothing to read). */
export function isUnreadable(err: unknown): boolean {
  const name = (err as { name?: string; code?: string })?.name;
  const code = (err as { code?: string })?.code;
  return name === 'UnreadableReceiptError' || code === 'UNREADABLE';
}

/**
 * OCR stage, on an S3 ObjectCreated event: checks the file, claims its hash, reads it once and
 * stores the extraction before handing the receipt to the match stage.
 */
export async function readUploadedReceipt(ctx: AppContext, objectKey: string): Promise<StageOutcome> {
  const receiptId = receiptIdFromObjectKey(objectKey);
  if (!receiptId) return 'IGNORED';
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt || receipt.objectKey !== objectKey) return 'IGNORED';
  if (receipt.status !== 'AWAITING_UPLOAD' && receipt.status !== 'PROCESSING') return 'ALREADY_DONE';
  if (receipt.extraction) {
    await ctx.bus.sendToMatch({ receiptId });
    return 'FORWARDED';
  }
  const now = ctx.clock.now();
  if (!(await ctx.receipts.markProcessing(receiptId, now))) return 'ALREADY_DONE';

  // The bytes are read from the upload's kept copy, made by the first read: a later PUT to the
  // upload URL changes nothing of what is read, paid, shown to staff and compared with later photos.
  const bytes = await ctx.images.keepUpload(objectKey);
  if (!bytes) throw new Error(`Object ${objectKey} announced but not readable yet`);
  const check = checkReceiptFile(bytes);
  if (!check.ok) {
    await ctx.receipts.reject(receiptId, rejection(check.code), now);
    return 'REJECTED';
  }
  const sha256 = sha256Hex(bytes);
  const holder = await ctx.claims.claim(`IMAGE#${sha256}`, receiptId);
  if (holder !== receiptId) {
    await ctx.receipts.reject(receiptId, rejection('DUPLICATE_IMAGE'), now);
    return 'REJECTED';
  }
  if (!ctx.ocrEngine) throw new Error('No OCR engine configured for this function');
  const engine = await ctx.ocrEngine();
  const reading = engine.read(bytes, check.contentType).then(
    (ocr) => ({ extraction: parseReceipt(ocr) }),
    (error: unknown) => ({ error }),
  );
  // While the engine reads (Textract is a network call, tesseract runs in its own workers; one
  // turn of the event loop lets the request go out first): the photo's perceptual hash, kept with
  // the extraction to find the same picture sent again re-encoded, resized, re-framed or
  // photographed from a screen (see lookAlikePhotos).
  await new Promise((resolve) => setImmediate(resolve));
  const turns = check.contentType === 'application/pdf' ? undefined : perceptualHashTurns(bytes);
  const photo = turns && { perceptualHash: turns[0]!.hex, perceptualHashTurned: turns.slice(1).map((t) => t.hex) };
  let extraction: Extraction;
  try {
    const read = await reading;
    if ('error' in read) throw read.error;
    extraction = read.extraction;
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    await ctx.receipts.reject(receiptId, rejection('UNREADABLE'), now);
    return 'REJECTED';
  }
  await ctx.receipts.saveExtraction(receiptId, sha256, extraction, ctx.clock.now(), photo);
  await ctx.bus.sendToMatch({ receiptId });
  return 'FORWARDED';
}

function nothingRead(e: Extraction): boolean {
  return !e.totalCents && !e.purchaseDate && !e.siret && !e.siren && !e.shopSign;
}

/**
 * Match stage: which shop, which campaign, how much. Clear-cut failures are rejected with their
 * code; doubtful readings or shops go to review; an accepted receipt gets its decision stored and
 * a credit command.
 */
export async function matchReceipt(ctx: AppContext, receiptId: string): Promise<StageOutcome> {
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt || receipt.status !== 'PROCESSING') return 'ALREADY_DONE';
  if (receipt.decision) {
    await ctx.bus.sendToCredit({ receiptId });
    return 'FORWARDED';
  }
  const e = receipt.extraction;
  if (!e) throw new Error(`Receipt ${receiptId} reached the match stage without an extraction`);
  const now = ctx.clock.now();
  const today = localDate(now);
  const policy = ctx.policy ?? DEFAULT_FRAUD_POLICY;

  if (nothingRead(e)) {
    await ctx.receipts.reject(receiptId, rejection('UNREADABLE'), now);
    return 'REJECTED';
  }
  // The photo is indexed here, once read, so that every photo a look-alike search finds has its
  // readings (and before this receipt searches: see lookAlikePhotos). Meanwhile, the shop.
  const [match] = await Promise.all([
    ctx.merchants.match({
      siret: e.siret?.value, siren: e.siren?.value, vatNumber: e.vatNumber?.value, phone: e.phone?.value,
      sign: e.shopSign?.value, street: e.street?.value, postcode: e.postcode?.value, city: e.city?.value,
    }),
    receipt.perceptualHash
      ? ctx.fingerprints.remember(
          { receiptId, residentId: receipt.residentId, hash: receipt.perceptualHash, createdAt: receipt.createdAt, readings: readingsOf(e) },
          hashBands(receipt.perceptualHash, FINGERPRINT_BANDS),
        )
      : undefined,
  ]);
  const review = (reasons: string[], candidates: ReviewCandidates = [], campaignId?: string, lookAlikes: LookAlike[] = []) =>
    ctx.receipts
      .sendToReview(receiptId, { reasons, candidates, ...(lookAlikes.length > 0 ? { lookAlikes } : {}) }, now, campaignId)
      .then(() => 'IN_REVIEW' as const);

  if (match.kind === 'NOT_FOUND') {
    // A shop the city suspended is known but not taking part now.
    if (match.suspended) {
      await ctx.receipts.reject(receiptId, rejection('MERCHANT_NOT_ELIGIBLE'), now);
      return 'REJECTED';
    }
    if (e.confidence < policy.minReadingConfidence) return review([`Lecture incertaine : ${match.explanation}`]);
    await ctx.receipts.reject(receiptId, rejection('MERCHANT_NOT_FOUND'), now);
    return 'REJECTED';
  }
  if (match.kind === 'REVIEW') {
    return review(
      [`Commerce incertain : ${match.explanation}`],
      match.candidates.map((c) => ({ merchantId: c.merchant.merchantId, name: c.merchant.name, score: Math.round(c.score * 100) / 100 })),
    );
  }
  const merchant = match.merchant;
  const reasons: string[] = [];
  if (!e.totalCents) reasons.push('Montant total non lu');
  else if (e.totalCents.confidence < policy.minTotalConfidence) reasons.push(`Montant total incertain (${e.totalCents.value} centimes)`);
  if (!e.purchaseDate) reasons.push("Date d'achat non lue");
  else if (e.purchaseDate.confidence < policy.minDateConfidence) reasons.push(`Date d'achat incertaine (${e.purchaseDate.value})`);
  if (reasons.length > 0 || !e.totalCents || !e.purchaseDate) {
    return review(reasons, [{ merchantId: merchant.merchantId, name: merchant.name, score: match.score }]);
  }
  const purchaseDate = e.purchaseDate.value;
  const totalCents = e.totalCents.value;
  if (purchaseDate > today) {
    await ctx.receipts.reject(receiptId, rejection('FUTURE_DATE'), now);
    return 'REJECTED';
  }

  const campaigns = await ctx.campaigns.listActive();
  const purchaseTime = e.purchaseTime?.value;
  const verdict = chooseCampaign(campaigns, {
    merchant, purchaseDate, totalCents, today,
    ...(purchaseTime ? { purchaseTime } : {}),
    ...(await welcomeFacts(ctx, campaigns, merchant.merchantId, receipt.residentId)),
  });
  if (!verdict.ok) {
    await ctx.receipts.reject(receiptId, rejection(verdict.code), now, verdict.campaign?.campaignId, verdict.trace);
    return 'REJECTED';
  }

  // The same purchase sent twice (another photo of the same ticket, by anyone): the same ticket
  // number at the same shop that day, or the same shop, day, time and amount.
  const purchaseKeys = [
    e.ticketNumber ? `PURCHASE#${merchant.merchantId}#${purchaseDate}#T${e.ticketNumber.value}` : undefined,
    purchaseTime ? `PURCHASE#${merchant.merchantId}#${purchaseDate}#${purchaseTime.slice(0, 5)}#${totalCents}` : undefined,
  ].filter((k): k is string => k !== undefined);
  for (const key of purchaseKeys) {
    if ((await ctx.claims.claim(key, receiptId)) !== receiptId) {
      await ctx.receipts.reject(receiptId, rejection('DUPLICATE_RECEIPT'), now, verdict.campaign.campaignId, verdict.trace);
      return 'REJECTED';
    }
  }

  // Softer signs of the same purchase, for staff rather than a rejection: the same resident paying
  // the same amount at the same shop that day; or anyone, when this ticket shows neither a time
  // nor a number that would tell two purchases apart.
  const suspicions: string[] = [];
  const [sameByResident, sameByAnyone] = await Promise.all([
    ctx.claims.claim(`PURCHASE_SOFT#${receipt.residentId}#${merchant.merchantId}#${purchaseDate}#${totalCents}`, receiptId),
    ctx.claims.claim(`PURCHASE_SOFT#${merchant.merchantId}#${purchaseDate}#${totalCents}`, receiptId),
  ]);
  if (sameByResident !== receiptId) {
    suspicions.push(`Même montant (${euros(totalCents)}) le même jour dans ce commerce que le ticket ${sameByResident} du même résident`);
  } else if (sameByAnyone !== receiptId && !purchaseTime && !e.ticketNumber) {
    suspicions.push(`Même commerce, même jour et même montant que le ticket ${sameByAnyone}, sans heure ni numéro de ticket pour les distinguer`);
  }
  const [limits, lookAlikes] = await Promise.all([
    fraudSuspicions(ctx, policy, { residentId: receipt.residentId, receiptId, merchant, purchaseDate, purchaseTime, today, extraction: e, totalCents }),
    lookAlikePhotos(ctx, policy, receipt, e),
  ]);
  suspicions.push(...limits, ...lookAlikes.map((l) => l.reason));
  if (verdict.doubtful) suspicions.push(verdict.doubtful);
  if (suspicions.length > 0) {
    const candidates = [{ merchantId: merchant.merchantId, name: merchant.name, score: match.score }];
    return review(suspicions, candidates, verdict.campaign.campaignId, lookAlikes.map(({ receiptId: id, distance }) => ({ receiptId: id, distance })));
  }

  const decision: MatchDecision = await decisionFor(
    ctx,
    verdict,
    { merchantId: merchant.merchantId, merchantName: merchant.name, purchaseDate, totalCents, residentId: receipt.residentId },
    match.explanation,
  );
  await ctx.receipts.saveDecision(receiptId, decision, now);
  await ctx.bus.sendToCredit({ receiptId });
  return 'FORWARDED';
}

/** Bands of the perceptual hash indexed for look-alike search (see DynamoFingerprintStore). */
const FINGERPRINT_BANDS = RECOMMENDED_BANDS;

/**
 * Earlier receipts rejected because their reading found no participating shop: a better photo of
 * the same ticket is welcome, not a suspicion. (Photos that could not be read at all are not
 * indexed. Any other earlier receipt counts, those rejected by staff included.)
 */
const RETAKE_ALLOWED: ReadonlySet<string> = new Set(['MERCHANT_NOT_FOUND']);

/** Look-alike photos compared in detail per receipt, the closest first. */
const MAX_LOOK_ALIKES = 5;

/**
 * Photos that look like this one (perceptual hashes within the city's distance): the same picture
 * re-encoded, resized, re-framed, turned a little or photographed again from a screen. Never a
 * rejection on its own: staff compare the two photos.
 *
 * Two tickets printed by the same till for the same items look alike too (only their figures
 * differ, which a perceptual hash does not see), so the readings decide between "another
 * purchase" and "the same ticket" (`anotherPurchase`).
 *
 * Which of two look-alikes is held: the later one by upload time, when it reaches this stage
 * second (the usual order); it is compared with every earlier one, while a later one counts only
 * once it is being paid or paid. When the queues deliver the later one first, it is paid and the
 * earlier one is held, naming it. Receipts are indexed here, once read and before they search, so
 * one of the two is always held; the one gap is two look-alikes matched within the same few
 * milliseconds (the later one between its search and its decision while the earlier one is
 * indexed and searches).
 */
async function lookAlikePhotos(ctx: AppContext, policy: FraudPolicy, receipt: Receipt, e: Extraction): Promise<Array<LookAlike & { reason: string }>> {
  const hash = receipt.perceptualHash;
  if (!hash) return [];
  const mine = readingsOf(e);
  // The photo as sent, then turned a quarter, a half and three quarters: a copy may have been
  // turned without an EXIF tag. Earlier photos are indexed as sent.
  const views = [hash, ...(receipt.perceptualHashTurned ?? [])].filter((v) => v.length === hash.length);
  const near = (await ctx.fingerprints.candidates([...new Set(views.flatMap((v) => hashBands(v, FINGERPRINT_BANDS)))]))
    .filter((c) => c.receiptId !== receipt.receiptId && c.hash.length === hash.length)
    .map((c) => ({ ...c, distance: Math.min(...views.map((v) => hammingDistance(v, c.hash))) }))
    .filter((c) => c.distance <= policy.nearDuplicateMaxDistance)
    // Another sale of the same till, by the readings kept in the index: not a lead (a busy shop
    // has many tickets that look alike; only the closest leads are read in full below).
    .filter((c) => !c.readings || !anotherPurchase(mine, c.readings))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, MAX_LOOK_ALIKES);
  const others = await Promise.all(near.map((c) => ctx.receipts.get(c.receiptId)));
  const found: Array<LookAlike & { reason: string }> = [];
  near.forEach((c, i) => {
    const other = others[i];
    if (!other) return;
    if (other.status === 'REJECTED' && other.rejection && RETAKE_ALLOWED.has(other.rejection.code)) return;
    const earlier = other.createdAt < receipt.createdAt || (other.createdAt === receipt.createdAt && other.receiptId < receipt.receiptId);
    // A later look-alike is held itself when it gets here; it counts only once it is being paid.
    if (!earlier && !(other.status === 'CREDITED' || (other.status === 'PROCESSING' && other.decision))) return;
    // Index entries carry the readings (and were compared above); one without them is read here.
    const theirs = c.readings ?? (other.extraction ? readingsOf(other.extraction) : {});
    if (!c.readings && anotherPurchase(mine, theirs)) return;
    const who = other.residentId === receipt.residentId ? 'du même résident' : "d'un autre résident";
    const reason = `Photo très ressemblante à celle du ticket ${c.receiptId} ${who} (${c.distance} bits d'écart sur ${hash.length * 4} ; ${compared(mine, theirs)})`;
    found.push({ receiptId: c.receiptId, distance: c.distance, reason });
  });
  return found;
}

/** The figures of a ticket that tell two sales apart, as read. */
function readingsOf(e: Extraction): TicketReadings {
  return {
    ...(e.purchaseDate ? { purchaseDate: e.purchaseDate.value } : {}),
    ...(e.purchaseTime ? { purchaseTime: e.purchaseTime.value.slice(0, 5) } : {}),
    ...(e.ticketNumber ? { ticketNumber: e.ticketNumber.value.replace(/^0+(?=.)/, '') } : {}),
    ...(e.totalCents ? { totalCents: e.totalCents.value } : {}),
  };
}

const FIELD_NAMES: Record<keyof TicketReadings, string> = {
  purchaseDate: 'date',
  purchaseTime: 'heure',
  ticketNumber: 'numéro de ticket',
  totalCents: 'montant',
};

/** The fields read on both tickets, split into those that agree and those that differ. */
function comparison(a: TicketReadings, b: TicketReadings): { same: Array<keyof TicketReadings>; different: Array<keyof TicketReadings> } {
  const same: Array<keyof TicketReadings> = [];
  const different: Array<keyof TicketReadings> = [];
  for (const field of Object.keys(FIELD_NAMES) as Array<keyof TicketReadings>) {
    if (a[field] === undefined || b[field] === undefined) continue;
    (a[field] === b[field] ? same : different).push(field);
  }
  return { same, different };
}

/**
 * Whether two look-alike tickets are two sales, from what was read on both. The same ticket
 * number says "the same ticket" whatever else differs (a misreading or an edited figure). Else a
 * different time of sale says "another sale" (a till prints the minute of each sale), and so do
 * two differences among date, ticket number and total. One difference alone is what a misreading
 * or an edited figure gives: staff look.
 */
function anotherPurchase(a: TicketReadings, b: TicketReadings): boolean {
  const { same, different } = comparison(a, b);
  if (same.includes('ticketNumber')) return false;
  return different.includes('purchaseTime') || different.length >= 2;
}

/** For staff: what was read alike and what differs, in French. */
function compared(a: TicketReadings, b: TicketReadings): string {
  const { same, different } = comparison(a, b);
  const names = (fields: Array<keyof TicketReadings>) => fields.map((f) => FIELD_NAMES[f]).join(', ');
  const parts = [
    same.length > 0 ? `mêmes ${names(same)}` : 'aucun chiffre lu sur les deux',
    ...(different.length > 0 ? [`diffère : ${names(different)}`] : []),
  ];
  return parts.join(' ; ');
}

interface SuspicionFacts {
  residentId: string;
  receiptId: string;
  merchant: import('../domain/merchant').Merchant;
  purchaseDate: string;
  purchaseTime: string | undefined;
  today: string;
  extraction: Extraction;
  totalCents: number;
}

/**
 * Signs that call for a human look rather than a rejection: a resident sending unusually many
 * receipts, many purchases at one shop on one day by one resident or by everyone, line items that
 * do not add up to the total, a purchase outside the shop's known opening hours.
 */
async function fraudSuspicions(ctx: AppContext, policy: FraudPolicy, f: SuspicionFacts): Promise<string[]> {
  const reasons: string[] = [];
  const merchantId = f.merchant.merchantId;
  const [perDay, perShop, shopDay] = await Promise.all([
    ctx.claims.tally(`VELOCITY#${f.residentId}#${f.today}`, f.receiptId),
    ctx.claims.tally(`VELOCITY#${f.residentId}#${merchantId}#${f.purchaseDate}`, f.receiptId),
    ctx.claims.tally(`VELOCITY#SHOP#${merchantId}#${f.purchaseDate}`, f.receiptId),
  ]);
  if (perDay > policy.maxReceiptsPerResidentPerDay) reasons.push(`${perDay} tickets envoyés aujourd'hui par ce résident (limite ${policy.maxReceiptsPerResidentPerDay})`);
  if (perShop > policy.maxReceiptsPerResidentPerShopPerDay) reasons.push(`${perShop} achats le ${f.purchaseDate} dans ce commerce par ce résident (limite ${policy.maxReceiptsPerResidentPerShopPerDay})`);
  if (shopDay > policy.maxReceiptsPerShopPerDay) reasons.push(`${shopDay} tickets du ${f.purchaseDate} pour ce commerce, tous résidents confondus (limite ${policy.maxReceiptsPerShopPerDay})`);
  // Lines worth more than the total cannot be (two lines suffice to say so); lines worth less may
  // only mean the parser missed some, so it takes three lines to doubt an inflated total.
  const lines = f.extraction.lineItems;
  const sum = lines.reduce((acc, l) => acc + l.amountCents, 0);
  const gap = Math.abs(sum - f.totalCents);
  const enoughLines = sum > f.totalCents ? lines.length >= 2 : lines.length >= 3;
  if (enoughLines && gap > policy.lineMismatchCents && gap > f.totalCents * policy.lineMismatchShare) {
    reasons.push(`Les lignes du ticket font ${euros(sum)} pour un total de ${euros(f.totalCents)}`);
  }
  // Opening hours are known only when the shop's text could be read with confidence.
  const hoursText = f.merchant.showcase?.openingHours;
  if (hoursText && f.purchaseTime) {
    const hours = parseOpeningHours(hoursText);
    if (hours.ok && !isOpenAt(hours.hours, f.purchaseDate, f.purchaseTime, policy.openingHoursToleranceMinutes)) {
      reasons.push(`Achat à ${f.purchaseTime.slice(0, 5)} le ${f.purchaseDate}, en dehors des horaires du commerce (${describeOpeningHours(hours.hours)})`);
    }
  }
  return reasons;
}

/** Credit stage: one ledger transaction per receipt; a redelivered command credits nothing. */
export async function creditReceipt(ctx: AppContext, receiptId: string): Promise<StageOutcome> {
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt || receipt.status !== 'PROCESSING' || !receipt.decision) return 'ALREADY_DONE';
  const d = receipt.decision;
  const campaigns = await campaignsById(ctx, [d.campaignId, ...(d.credits ?? []).flat().map((c) => c.campaignId)]);
  const credits = cashbackOptions(d, (id) => campaigns.get(id), receipt.residentId);
  if (credits.length === 0) {
    await ctx.receipts.reject(receiptId, rejection('NO_ACTIVE_CAMPAIGN'), ctx.clock.now(), d.campaignId);
    return 'REJECTED';
  }
  const result = await ctx.ledger.creditCashback(
    { receiptId, residentId: receipt.residentId, merchantId: d.merchantId, totalCents: d.totalCents, credits },
    ctx.clock.now(),
  );
  if (result.outcome === 'REFUSED') {
    await ctx.receipts.reject(receiptId, rejection(result.code), ctx.clock.now(), d.campaignId);
    return 'REJECTED';
  }
  return result.outcome === 'CREDITED' ? 'CREDITED' : 'ALREADY_DONE';
}
