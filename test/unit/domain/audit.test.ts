import { describe, expect, it } from 'vitest';
import { changedFields, redact } from '../../../shared/domain/audit';

describe('changedFields', () => {
  it('keeps only the top-level fields whose values differ, on both sides', () => {
    expect(changedFields({ a: 1, b: { c: 2 }, d: 'x' }, { a: 1, b: { c: 3 }, d: 'x' })).toEqual({ before: { b: { c: 2 } }, after: { b: { c: 3 } } });
  });
  it('shows a field that appears or disappears against null', () => {
    expect(changedFields({ a: 1 }, { b: 2 })).toEqual({ before: { a: 1, b: null }, after: { a: null, b: 2 } });
    expect(changedFields(undefined, { status: 'DRAFT' })).toEqual({ before: { status: null }, after: { status: 'DRAFT' } });
  });
  it('is undefined when nothing changed', () => {
    expect(changedFields({ a: [1, 2] }, { a: [1, 2] })).toBeUndefined();
  });
});

describe('redact', () => {
  it('masks bank details and OCR text wherever they are, and cuts long values', () => {
    const out = redact({ iban: 'FR76...', nested: { holderName: 'A B', text: 'TICKET', keep: 'ok' }, list: [{ lineItems: [1] }], long: 'x'.repeat(5000) }) as Record<string, any>;
    expect(out.iban).toBe('[redacted]');
    expect(out.nested).toEqual({ holderName: '[redacted]', text: '[redacted]', keep: 'ok' });
    expect(out.list[0].lineItems).toBe('[redacted]');
    expect(out.long.length).toBe(4001);
  });
});
