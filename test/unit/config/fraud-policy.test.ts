import { INDEXED_BANDS } from '../../../shared/domain/fraud/photo-hash';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV, loadConfig } from '../../../shared/config';
import { DEFAULT_FRAUD_POLICY, FraudPolicy } from '../../../shared/domain/fraud-policy';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../../shared/ocr/perceptual-hash';

const base = { [ENV.table]: 't', [ENV.receiptsBucket]: 'b' };

describe('the city fraud policy', () => {
  it('keeps the defaults when the city sets nothing', () => {
    expect(loadConfig(base).fraudPolicy).toEqual(DEFAULT_FRAUD_POLICY);
  });

  it('takes the limits a city sets, and the defaults for the rest', () => {
    const config = loadConfig({ ...base, [ENV.fraudPolicy]: JSON.stringify({ maxReceiptsPerResidentPerDay: 4, openingHoursToleranceMinutes: 45 }) });
    expect(config.fraudPolicy).toMatchObject({ maxReceiptsPerResidentPerDay: 4, openingHoursToleranceMinutes: 45, maxReceiptsPerResidentPerShopPerDay: 3 });
  });

  it.each([
    ['not JSON', '{max: 3}', /CABAS_FRAUD_POLICY: expected a JSON object/],
    ['an unknown limit', JSON.stringify({ maxReceiptsPerYear: 3 }), /CABAS_FRAUD_POLICY/],
    ['a negative limit', JSON.stringify({ maxReceiptsPerResidentPerDay: -1 }), /CABAS_FRAUD_POLICY\.maxReceiptsPerResidentPerDay/],
    ['a confidence above 1', JSON.stringify({ minTotalConfidence: 1.5 }), /CABAS_FRAUD_POLICY\.minTotalConfidence/],
    ['a look-alike distance past a third of the hash', JSON.stringify({ nearDuplicateMaxDistance: 200 }), /CABAS_FRAUD_POLICY\.nearDuplicateMaxDistance/],
    ['more look-alike bands than the hash has', JSON.stringify({ lookAlikeIndexBands: 17 }), /CABAS_FRAUD_POLICY\.lookAlikeIndexBands/],
  ])('refuses %s with the variable named', (_name, value, message) => {
    expect(() => loadConfig({ ...base, [ENV.fraudPolicy]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [ENV.fraudPolicy]: value })).toThrow(message);
  });

  it('has sensible defaults', () => {
    expect(FraudPolicy.parse({})).toEqual(DEFAULT_FRAUD_POLICY);
    expect(DEFAULT_FRAUD_POLICY.maxReceiptsPerResidentPerShopPerDay).toBeLessThan(DEFAULT_FRAUD_POLICY.maxReceiptsPerResidentPerDay);
    // The look-alike distance is the one the perceptual hash's bench measured.
    expect(DEFAULT_FRAUD_POLICY.nearDuplicateMaxDistance).toBe(NEAR_DUPLICATE_MAX_DISTANCE);
    // The look-alike index's bands: the ones bench:phash measured.
    expect(DEFAULT_FRAUD_POLICY.lookAlikeIndexBands).toBe(INDEXED_BANDS);
  });
});
