/** The operations running now, in plain words: "10 % chez tous les commerçants participants jusqu’au 31 décembre 2026". */
import { euros, longDate, percentFromBps, PERIOD, WEEKDAYS, label } from '../shared/format';
import type { paths } from '../shared/openapi';

export type PublicCampaign = paths['/v1/campaigns']['get']['responses'][200]['content']['application/json']['items'][number];

export function where(c: PublicCampaign, shopName: (id: string) => string | undefined): string {
  const m = c.merchants;
  if (m.ids && m.ids.length > 0) {
    const names = m.ids.map(shopName).filter((n): n is string => !!n);
    if (names.length === 0) return m.ids.length === 1 ? 'dans un commerce participant' : `dans ${m.ids.length} commerces participants`;
    return names.length === 1 ? `chez ${names[0]}` : `chez ${names.slice(0, -1).join(', ')} et ${names.at(-1)}`;
  }
  if (m.tags && m.tags.length > 0) return `chez les commerçants « ${m.tags.join(' », « ')} »`;
  if (m.zone) return 'chez les commerçants de la zone choisie par la ville';
  return 'chez tous les commerçants participants';
}

const LOYALTY_PERIOD: Record<string, string> = { MONTH: 'mois', QUARTER: 'trimestre', YEAR: 'an' };

/** One sentence per operation. */
export function describe(c: PublicCampaign, shopName: (id: string) => string | undefined): string {
  const until = `jusqu’au ${longDate(c.endsOn)}`;
  const at = where(c, shopName);
  if (c.kind === 'WELCOME_BONUS') return `${euros(c.bonusCents ?? 0)} offerts sur votre premier achat ${at}, ${until}`;
  if (c.kind === 'PARKING') {
    const parks = c.carParks?.operators?.length ? ` (${c.carParks.operators.join(', ')})` : '';
    return `Stationnement remboursé jusqu’à ${euros(c.refundMaxCents ?? 0)} par ticket de parking ou d’horodateur${parks}, avec un achat${c.minPurchaseCents ? ` d’au moins ${euros(c.minPurchaseCents)}` : ''} le même jour chez un commerçant participant, ${until}`;
  }
  if (c.kind === 'LOYALTY') {
    const per = c.period === 'CAMPAIGN' || !c.period ? 'pendant l’opération' : `par ${LOYALTY_PERIOD[c.period]}`;
    return `${euros(c.bonusCents ?? 0)} offerts tous les ${c.everyNth ?? 2} achats remboursés ${per} ${at}, ${until}${c.minPurchaseCents ? `, pour un achat d’au moins ${euros(c.minPurchaseCents)}` : ''}`;
  }
  const rate = percentFromBps(c.rateBps ?? 0);
  const parts = [`${rate} remboursés ${at} ${until}`];
  if (c.kind === 'GIFT_ALLOWANCE' && c.allowance) parts.push(`dans la limite de ${euros(c.allowance.amountCents)} par ${c.allowance.per === 'HOUSEHOLD' ? 'foyer' : 'personne'}`);
  if (c.maxCashbackPerReceiptCents) parts.push(`au plus ${euros(c.maxCashbackPerReceiptCents)} par ticket`);
  if (c.minPurchaseCents) parts.push(`pour un achat d’au moins ${euros(c.minPurchaseCents)}`);
  if (c.perResidentCap) parts.push(`au plus ${euros(c.perResidentCap.amountCents)} de remise par ${label(PERIOD, c.perResidentCap.period)}`);
  if (c.perResidentPurchaseCap) parts.push(`sur les premiers ${euros(c.perResidentPurchaseCap.amountCents)} d’achats par ${label(PERIOD, c.perResidentPurchaseCap.period)}`);
  if (c.schedule?.days) parts.push(`le ${c.schedule.days.map((d) => WEEKDAYS.find(([k]) => k === d)?.[1] ?? d).join(', ')}`);
  if (c.schedule?.from && c.schedule.to) parts.push(`de ${c.schedule.from.replace(':', ' h ')} à ${c.schedule.to.replace(':', ' h ')}`);
  return parts.join(', ');
}
