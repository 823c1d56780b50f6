import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/config';
import { LAMBDA_TEST_ENV } from '../../support/lambda-env';
import type { Ledger } from '../../../shared/ports';
import { createCreditContext } from '../../../shared/wiring/credit';
import { NotWiredError, functionContext, partlyWired } from '../../../shared/wiring/function-context';
import { createMatchContext } from '../../../shared/wiring/match';
import { createPhotosContext } from '../../../shared/wiring/photos';

/** Each Lambda's context (shared/wiring/<name>.ts) holds only the ports its code uses; any other use fails at once, naming it. */

const config = loadConfig(LAMBDA_TEST_ENV);

describe('a function’s context', () => {
  it('fails at once, naming the function and the port, when code uses a port the function was not wired with', () => {
    const ctx = createCreditContext(config);
    expect(typeof ctx.ledger.creditCashback).toBe('function');
    expect(() => ctx.images.get('receipts/r-1')).toThrow(NotWiredError);
    expect(() => ctx.bus.sendToCredit({ receiptId: 'r-1' })).toThrow(/credit function is not wired with the bus port \(it used bus\.sendToCredit\)/);
    // A stand-in is not a promise: awaiting it does not call it.
    expect((ctx.images as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it('gives the match function the ledger’s two reads only, not its transactions', () => {
    const ctx = createMatchContext(config);
    expect(typeof ctx.ledger.isCustomer).toBe('function');
    expect(typeof ctx.ledger.capUsage).toBe('function');
    expect(() => ctx.ledger.creditCashback).toThrow(/match function is not wired with the ledger port \(it used ledger\.creditCashback\)/);
    expect(() => ctx.images.get('receipts/r-1')).toThrow(NotWiredError);
  });

  it('gives the photos function the shops’ photos and their files only (issue #20)', () => {
    const ctx = createPhotosContext(config);
    expect(typeof ctx.shopPhotos.save).toBe('function');
    expect(typeof ctx.media.putRendition).toBe('function');
    expect(() => ctx.receipts.get('r-1')).toThrow(/photos function is not wired with the receipts port/);
    expect(() => ctx.merchants.get('m-1')).toThrow(NotWiredError);
    expect(() => ctx.images.get('receipts/r-1')).toThrow(NotWiredError);
  });

  it('keeps a partly wired port’s operations bound to their adapter', async () => {
    class Reads {
      private readonly known = new Set(['m-1|alice']);
      async isCustomer(merchantId: string, residentId: string) {
        return this.known.has(`${merchantId}|${residentId}`);
      }
    }
    const ledger = partlyWired<Ledger>('match', 'ledger', new Reads() as unknown as Partial<Ledger>);
    const { isCustomer } = ledger;
    expect(await isCustomer('m-1', 'alice')).toBe(true);
    expect(await ledger.isCustomer('m-1', 'bruno')).toBe(false);
    expect(() => ledger.reverseCashback).toThrow(NotWiredError);
    const ctx = functionContext('match', config, { ledger });
    expect(await ctx.ledger.isCustomer('m-1', 'alice')).toBe(true);
  });
});
