import { similarity } from './bigrams';
import { type ReadClues, readClues } from './clues';
import { DEFAULT_MATCH_CONFIG, type MatchConfig } from './config';
import { distinctiveWordsAgree, type PreparedName } from './names';
import { clamp01, matched, review, round2 } from './results';
import { quickShopScore, scoreName, type PreparedMerchant } from './shops';
import { compareStreets, streetBodyAgrees, type Agreement } from './streets';
import type { Evidence, MatchMethod, MatchOutcome, ShopClues } from './types';

// ------------------------------------------------------------------------------------------------
// Decision
// ------------------------------------------------------------------------------------------------

/** What the matcher needs from a directory; a linear scan or the in-memory index provide it. */
export interface MatchLookups {
  bySiret(siret: string): PreparedMerchant | undefined;
  bySiren(siren: string): readonly PreparedMerchant[];
  byPhone(phone: string): readonly PreparedMerchant[];
  /** Shops whose names may be close to `read`, within the postcode when one is given (a superset is fine). */
  nameCandidates(read: PreparedName, postcode: string | undefined, city: string | undefined): Iterable<PreparedMerchant>;
}

/** Street and phone evidence for one shop. */
function addressEvidence(
  clues: ReadClues,
  shop: PreparedMerchant,
  lookups: MatchLookups,
): { effect: number; evidence: Evidence[]; street: Agreement; streetSame: boolean; phoneSame: boolean; phoneOther: boolean; phoneOwned: boolean } {
  const evidence: Evidence[] = [];
  let effect = 0;
  const street = compareStreets(clues.street, shop.street);
  if (street === 'SAME') {
    effect += 0.08;
    evidence.push({ signal: 'STREET', effect: 0.08, detail: `même adresse (${shop.merchant.address.street})` });
  } else if (street === 'OTHER_NUMBER') {
    effect -= 0.2;
    evidence.push({ signal: 'STREET', effect: -0.2, detail: `autre numéro de la même rue (${shop.merchant.address.street})` });
  } else if (street === 'OTHER_STREET') {
    effect -= 0.1;
    evidence.push({ signal: 'STREET', effect: -0.1, detail: `autre rue (${shop.merchant.address.street})` });
  }
  let phoneSame = false;
  let phoneOther = false;
  let phoneOwned = false;
  if (clues.phone) {
    if (shop.phone === clues.phone) {
      phoneSame = true;
      effect += 0.1;
      evidence.push({ signal: 'PHONE', effect: 0.1, detail: `même téléphone ${clues.phone}` });
    } else {
      const owners = lookups.byPhone(clues.phone);
      if (owners.some((o) => o.merchant.merchantId !== shop.merchant.merchantId)) {
        phoneOther = true;
        phoneOwned = true;
        effect -= 0.3;
        evidence.push({ signal: 'PHONE', effect: -0.3, detail: `le téléphone ${clues.phone} est celui d'un autre commerce` });
      } else if (shop.phone) {
        phoneOther = true;
        effect -= 0.05;
        evidence.push({ signal: 'PHONE', effect: -0.05, detail: `téléphone ${clues.phone} différent de celui connu (${shop.phone})` });
      }
    }
  }
  return { effect, evidence, street, streetSame: street === 'SAME', phoneSame, phoneOther, phoneOwned };
}

/**
 * Finds the shop that issued a receipt over a directory (see the module comment in index.ts for the order).
 */
export function decideMatch(clues: ShopClues, lookups: MatchLookups, config: MatchConfig = DEFAULT_MATCH_CONFIG): MatchOutcome {
  const c = readClues(clues);

  // 1. SIRET: one establishment.
  if (c.siret) {
    const shop = lookups.bySiret(c.siret);
    if (shop) return matched(shop, 'SIRET', 1, [{ signal: 'SIRET', effect: 1, detail: `SIRET ${c.siret}` }]);
  }

  // 2. SIREN (alone, from an unknown SIRET, or in the VAT number): one company.
  let companyKnown = false;
  if (c.siren) {
    const company = lookups.bySiren(c.siren);
    companyKnown = company.length > 0;
    if (companyKnown) {
      const decided = decideCompany(c, company, lookups, config);
      if (decided) return decided;
    }
  }

  // 3. Phone.
  if (c.phone) {
    const owners = lookups.byPhone(c.phone);
    if (owners.length === 1) {
      const decided = decidePhone(c, owners[0]!, lookups, config);
      if (decided) return decided;
    } else if (owners.length > 1 && !c.sign) {
      return review(owners.map((shop) => ({ shop, score: 0.6 })), `téléphone ${c.phone} partagé par ${owners.length} commerces`, config);
    }
  }

  // 4. Name.
  if (!c.sign) {
    const what = c.siret ? `SIRET ${c.siret} inconnu` : c.siren ? `SIREN ${c.siren} inconnu` : c.phone ? `téléphone ${c.phone} inconnu` : 'ni SIRET ni enseigne lus';
    return { kind: 'NOT_FOUND', explanation: c.siret || c.siren || c.phone ? `${what}, pas d'enseigne lue` : what };
  }
  return decideName(c, clues, lookups, config);
}

function idDetail(c: ReadClues): string {
  return c.sirenSource === 'VAT' ? `TVA FR..${c.siren}` : c.sirenSource === 'SIRET' ? `SIREN ${c.siren} (du SIRET ${c.siret}, établissement inconnu)` : `SIREN ${c.siren}`;
}

function decideCompany(c: ReadClues, company: readonly PreparedMerchant[], lookups: MatchLookups, config: MatchConfig): MatchOutcome | undefined {
  const method: MatchMethod = c.sirenSource === 'VAT' ? 'VAT' : 'SIREN';
  const signal = method;
  const base: Evidence = { signal, effect: 0.9, detail: idDetail(c) };
  const scored = company.map((shop) => {
    const a = addressEvidence(c, shop, lookups);
    const postcode = c.postcode === undefined ? 'UNKNOWN' : c.postcode === shop.postcode ? 'SAME' : 'OTHER';
    const name = c.sign ? scoreName(c.sign, shop) : undefined;
    return { shop, a, postcode, name };
  });
  const inPostcode = c.postcode ? scored.filter((s) => s.postcode === 'SAME') : scored;
  // Corroborated: same phone, or same street and number in the same postcode or town (a chain may be
  // at "1 rue Nationale" in two towns), and nothing contradicting.
  const corroborated = inPostcode.filter(
    (s) => (s.a.phoneSame || (s.a.streetSame && (s.postcode === 'SAME' || (c.city !== undefined && sameCity(c.city, s.shop.city))))) && !s.a.phoneOther,
  );
  // A street number that differs is tolerated here (one company, one shop in the commune: an OCR slip);
  // another street, another shop's phone or a sign of another trade is not.
  const notContradicted = inPostcode.filter(
    (s) => s.a.street !== 'OTHER_STREET' && !s.a.phoneOwned && !(s.a.phoneOther && !s.a.streetSame) && !(s.name && s.name.tradeClash && s.name.score < config.review),
  );
  const siretUnknown = c.sirenSource === 'SIRET';
  let pick: (typeof scored)[number] | undefined;
  let why = '';
  if (corroborated.length === 1) {
    pick = corroborated[0];
    why = c.postcode ? `code postal ${c.postcode}` : '';
  } else if (c.postcode && inPostcode.length === 1 && !siretUnknown && notContradicted.length === 1 && company.length === 1) {
    // The company's only participating shop in this postcode, and no other establishment's SIRET printed.
    pick = inPostcode[0];
    why = `code postal ${c.postcode}, seul commerce de l'entreprise dans la commune`;
  }
  if (pick) {
    const evidence = [base, ...(why ? [{ signal: 'POSTCODE' as const, effect: 0, detail: why }] : []), ...pick.a.evidence];
    return matched(pick.shop, method, clamp01(0.9 + Math.max(0, pick.a.effect)), evidence);
  }
  // Known company, no certainty: staff decide among its shops (best first).
  const candidates = (inPostcode.length > 0 ? inPostcode : scored).map((s) => ({
    shop: s.shop,
    score: clamp01(0.6 + (s.postcode === 'SAME' ? 0.1 : s.postcode === 'OTHER' ? -0.2 : 0) + s.a.effect + (s.name ? (s.name.score - 0.5) / 5 : 0)),
  }));
  const reason =
    inPostcode.length === 0
      ? `${idDetail(c)} : aucun commerce de l'entreprise au code postal ${c.postcode}`
      : siretUnknown
        ? `${idDetail(c)} : l'établissement du ticket n'est pas confirmé par l'adresse ou le téléphone`
        : `${idDetail(c)} : ${inPostcode.length} commerces de l'entreprise possibles`;
  return review(candidates, reason, config, [base]);
}

function decidePhone(c: ReadClues, shop: PreparedMerchant, lookups: MatchLookups, config: MatchConfig): MatchOutcome | undefined {
  const evidence: Evidence[] = [{ signal: 'PHONE', effect: 0.85, detail: `téléphone ${c.phone}` }];
  // A SIREN of another company printed on the ticket contradicts the phone.
  if (c.siren && shop.merchant.siren !== c.siren) {
    return review([{ shop, score: 0.55 }], `téléphone ${c.phone} d'un commerce dont le SIREN n'est pas celui du ticket (${c.siren})`, config);
  }
  const postcode = c.postcode === undefined ? 'UNKNOWN' : c.postcode === shop.postcode ? 'SAME' : 'OTHER';
  if (postcode === 'OTHER') {
    return review([{ shop, score: 0.55 }], `téléphone ${c.phone} d'un commerce d'un autre code postal (${shop.postcode})`, config);
  }
  const { phone: _phone, ...withoutPhone } = c;
  const a = addressEvidence(withoutPhone, shop, lookups);
  const name = c.sign ? scoreName(c.sign, shop) : undefined;
  if (name) evidence.push({ signal: 'NAME', effect: 0, detail: `enseigne « ${c.signRaw} » ~ « ${shop.merchant.name} » (${name.score.toFixed(2)})` });
  if (postcode === 'SAME') evidence.push({ signal: 'POSTCODE', effect: 0, detail: `code postal ${c.postcode}` });
  evidence.push(...a.evidence);
  const nameOk = !name || name.score >= config.review;
  const placeOk = postcode === 'SAME' || a.streetSame || (postcode === 'UNKNOWN' && c.city !== undefined && sameCity(c.city, shop.city));
  // Same phone and postcode: a street number that differs is an OCR slip; another street is not.
  if (nameOk && placeOk && a.street !== 'OTHER_STREET') return matched(shop, 'PHONE', clamp01(0.9 + Math.max(0, a.effect)), evidence);
  if (!nameOk && name && name.score < 0.3) return undefined; // the phone may be misread: let the name decide
  return review([{ shop, score: 0.6 }], `téléphone ${c.phone} de « ${shop.merchant.name} », sans confirmation suffisante`, config, evidence);
}

/** How many of the closest shops (by bigrams) are compared word by word. */
const FULLY_COMPARED = 8;

function numbersDiffer(a: PreparedName, b: PreparedName): boolean {
  const na = a.words.filter((w) => /^\d+$/.test(w)).sort().join(' ');
  const nb = b.words.filter((w) => /^\d+$/.test(w)).sort().join(' ');
  return na !== nb;
}

/** Two town names, folded: the same, or the same but for OCR slips. */
function sameCity(a: string, b: string): boolean {
  return a === b || similarity(a, b) >= 0.8;
}

function decideName(c: ReadClues, clues: ShopClues, lookups: MatchLookups, config: MatchConfig): MatchOutcome {
  const sign = c.sign!;
  const scored: Array<{ shop: PreparedMerchant; score: number; nameScore: number; name: PreparedName | undefined; evidence: Evidence[]; phoneOther: boolean; tradeClash: boolean; street: Agreement; placeConfirmed: boolean; phoneSame: boolean }> = [];
  // A cheap look at every candidate, then a full comparison of the closest ones.
  const quick: Array<{ shop: PreparedMerchant; q: number }> = [];
  for (const shop of lookups.nameCandidates(sign, c.postcode, c.city)) {
    const q = quickShopScore(sign, shop);
    if (q >= 0.3) quick.push({ shop, q });
  }
  quick.sort((a, b) => b.q - a.q);
  const floor = (quick[0]?.q ?? 0) - 0.3;
  for (const { shop, q } of quick.slice(0, FULLY_COMPARED)) {
    if (q < floor) break;
    const n = scoreName(sign, shop);
    if (n.score < config.review * 0.8) continue;
    const evidence: Evidence[] = [{ signal: 'NAME', effect: round2(n.score), detail: `enseigne « ${c.signRaw} » ~ « ${shop.merchant.name} » (${n.score.toFixed(2)})` }];
    if (n.tradeClash) evidence.push({ signal: 'TRADE', effect: -0.25, detail: 'métier différent' });
    let score = n.score;
    if (c.postcode) {
      if (shop.postcode === c.postcode) evidence.push({ signal: 'POSTCODE', effect: 0, detail: `code postal ${c.postcode}` });
      else {
        score *= 0.8;
        evidence.push({ signal: 'POSTCODE', effect: -0.2, detail: `autre code postal (${shop.postcode})` });
      }
    }
    const a = addressEvidence(c, shop, lookups);
    score = clamp01(score + a.effect);
    evidence.push(...a.evidence);
    scored.push({ shop, score, nameScore: n.score, name: n.name, evidence, phoneOther: a.phoneOwned || (a.phoneOther && !a.streetSame), tradeClash: n.tradeClash, street: a.street, placeConfirmed: a.streetSame || a.phoneSame, phoneSame: a.phoneSame });
  }
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < config.review) {
    return { kind: 'NOT_FOUND', explanation: `aucun commerce proche de « ${c.signRaw} »${c.postcode ? ` au code postal ${c.postcode}` : ''}` };
  }
  const runnerUp = scored.find((s) => s.shop.merchant.merchantId !== best.shop.merchant.merchantId);
  const margin = runnerUp ? best.score - runnerUp.score : 1;
  const postcodeAgrees = c.postcode !== undefined && best.shop.postcode === c.postcode;
  // An identifier printed on the ticket that is not this shop's contradicts a name match.
  const idContradicts = c.siren !== undefined && c.siren !== best.shop.merchant.siren;
  const blockers: string[] = [];
  if (best.score < config.auto) blockers.push(`score ${best.score.toFixed(2)} < ${config.auto}`);
  if (!postcodeAgrees) blockers.push(c.postcode ? `code postal ${c.postcode} différent` : 'code postal non lu');
  if (margin < config.minMargin) blockers.push(`« ${runnerUp!.shop.merchant.name} » presque aussi proche (${runnerUp!.score.toFixed(2)})`);
  if (idContradicts) blockers.push(`${c.sirenSource === 'VAT' ? 'TVA' : c.sirenSource} ${c.sirenSource === 'SIRET' ? c.siret : c.siren} d'un autre établissement`);
  if (best.phoneOther) blockers.push('téléphone du ticket différent de celui du commerce');
  // A street read on the ticket that is not the shop's: another establishment (a branch, a look-alike).
  if (best.street === 'OTHER_STREET' || best.street === 'OTHER_NUMBER') blockers.push(`adresse du ticket différente de celle du commerce (${best.shop.merchant.address.street})`);
  // A number in one name and not in the other: "Le Comptoir 2" is another shop, whatever the address says.
  if (best.name && numbersDiffer(sign, best.name)) blockers.push('numéro dans l\'enseigne différent');
  // One letter more, less or other in a distinctive word is how look-alike names differ.
  // (The shop's own phone lifts this, or its street and number when the number has two digits or more:
  // "1" may be the look-alike's "11" with a digit lost.)
  if (best.name && !best.phoneSame && !(best.street === 'SAME' && (best.shop.street?.number ?? '').replace(/\D/g, '').length >= 2) && !distinctiveWordsAgree(sign, best.name)) blockers.push(`enseigne lue « ${c.signRaw} » pas exactement celle du commerce`);
  // A misread digit can make the postcode of another town with a shop of the same name: the town,
  // the street or the phone must agree as well.
  if (postcodeAgrees && best.shop.namesakeElsewhere && !(c.city && sameCity(c.city, best.shop.city)) && !streetBodyAgrees(c.street, best.shop.street) && !best.phoneSame) {
    blockers.push('même enseigne dans une autre commune, et ni la commune, ni la rue, ni le téléphone ne confirment le code postal');
  }
  // The town printed on the ticket is not the shop's: the postcode may be misread.
  if (c.city && !sameCity(c.city, best.shop.city)) blockers.push(`commune du ticket (${clues.city}) différente de celle du commerce (${best.shop.merchant.address.city})`);
  // A chain's name with only the postcode: a branch outside the directory may have issued it.
  if (best.shop.chain && !best.placeConfirmed) blockers.push('enseigne de plusieurs établissements, adresse ou téléphone non confirmés');
  if (blockers.length === 0) {
    const evidence = [...best.evidence];
    if (runnerUp) evidence.push({ signal: 'MARGIN', effect: 0, detail: `devant « ${runnerUp.shop.merchant.name} » (${runnerUp.score.toFixed(2)})` });
    return matched(best.shop, 'NAME', best.score, evidence);
  }
  const close = scored.filter((s) => s.score >= config.review);
  const suspendedNote = best.shop.merchant.status !== 'ACTIVE' ? ` ; le plus proche, « ${best.shop.merchant.name} », est suspendu` : '';
  return review(
    close.map((s) => ({ shop: s.shop, score: s.score })),
    `enseigne « ${c.signRaw} » proche de ${close.length} commerce(s), sans certitude : ${blockers.join(', ')}${suspendedNote}`,
    config,
    best.evidence,
  );
}
