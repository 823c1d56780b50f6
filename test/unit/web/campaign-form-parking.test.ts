import { describe, expect, it } from 'vitest';
import { CampaignInput } from '../../../shared/domain/campaign';
import { emptyForm, fromCampaign, toBody } from '../../../web/console/pages/campaign-form-state';

// The console's campaign form for a free parking campaign: its body is one the API accepts, and a
// draft read back gives the same body.
describe('the campaign form: free parking', () => {
  const form = { ...emptyForm(), kind: 'PARKING' as const, name: 'Stationnement offert', budget: '500', startsOn: '2026-01-01', endsOn: '2026-12-31', refundMax: '3', minPurchase: '15', carParkOperators: 'Indigo, Ville de Montclair', carParkTags: 'parking', decideWithinHours: '8', rate: '10', stackable: true };

  it('sends the parking fields only, and the API accepts them', () => {
    const { body, errors } = toBody(form);
    expect(errors).toEqual({});
    expect(body).toEqual({
      kind: 'PARKING', name: 'Stationnement offert', startsOn: '2026-01-01', endsOn: '2026-12-31', budgetCents: 50_000,
      minPurchaseCents: 1_500, refundMaxCents: 300, carParks: { tags: ['parking'], operators: ['Indigo', 'Ville de Montclair'] }, decideWithinHours: 8,
    });
    expect(CampaignInput.safeParse(body).success).toBe(true);
  });

  it('reads a draft back to the same body', () => {
    const { body } = toBody(form);
    const again = fromCampaign({ ...(body as object), campaignId: 'c', status: 'DRAFT', createdAt: '2026-01-01T00:00:00Z', merchants: { all: true } } as never, new Map());
    expect(toBody(again).body).toEqual(body);
  });

  it('says what it cannot read', () => {
    expect(toBody({ ...form, decideWithinHours: 'six' }).errors).toEqual({ 'c-wait': 'Attente : écrivez un nombre d’heures, de 0 à 72.' });
  });
});
