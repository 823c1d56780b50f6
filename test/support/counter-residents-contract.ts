import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newCounterResident, type CounterResident } from '../../shared/domain/counter-resident';
import type { CounterResidentStore } from '../../shared/ports/counter-residents';

/**
 * The CounterResidentStore's contract, run against the DynamoDB adapter
 * (test/integration/counter/contract.test.ts) and the in-memory one
 * (test/unit/adapters/counter-residents-contract.test.ts). Each scenario makes its own references,
 * so they may share one store.
 */
export function counterResidentsContract(adapter: string, store: () => CounterResidentStore) {
  const reference = () => `R${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  const resident = (ref: string, at = '2026-06-20T10:00:00.000Z', email?: string): CounterResident =>
    newCounterResident({ fullName: 'Jeanne Moreau', reference: ref, ...(email ? { email } : {}) }, randomUUID(), 'agent-1', new Date(at));

  async function everyPage(s: CounterResidentStore, limit: number): Promise<CounterResident[]> {
    const all: CounterResident[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.list(limit, cursor);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  describe(`the counter residents' store (${adapter})`, () => {
    it('keeps a registration as it was written, and finds it by id and by reference', async () => {
      const s = store();
      const r = resident(reference(), '2026-06-20T10:00:00.000Z', 'jeanne@example.fr');
      await s.create(r);
      expect(await s.get(r.residentId)).toEqual(r);
      expect(await s.byReference(r.reference)).toEqual(r);
      expect(await s.get(`guichet-${randomUUID()}`)).toBeUndefined();
      expect(await s.byReference(reference())).toBeUndefined();
      // What was read is a copy: changing it changes nothing stored.
      const read = (await s.get(r.residentId))!;
      read.fullName = 'Quelqu’un d’autre';
      expect((await s.get(r.residentId))!.fullName).toBe('Jeanne Moreau');
    });

    it('gives a reference to one resident only, even when two register it at once', async () => {
      const s = store();
      const ref = reference();
      const first = resident(ref);
      await s.create(first);
      await expect(s.create(resident(ref))).rejects.toMatchObject({ code: 'COUNTER_REFERENCE_TAKEN', status: 409 });

      const raced = reference();
      const outcomes = await Promise.allSettled([s.create(resident(raced)), s.create(resident(raced)), s.create(resident(raced))]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes.filter((x) => x.status === 'rejected')) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'COUNTER_REFERENCE_TAKEN' });
      expect((await s.byReference(raced))?.reference).toBe(raced);
    });

    it('lists every registration newest first, a page at a time, and refuses a cursor it did not give', async () => {
      const s = store();
      const mine = [0, 1, 2, 3, 4].map((i) => resident(reference(), `2031-0${i + 1}-15T09:00:00.000Z`));
      for (const r of mine) await s.create(r);
      const all = await everyPage(s, 2);
      const order = all.map((r) => r.registeredAt);
      expect([...order].sort().reverse()).toEqual(order);
      // The five registered in 2031 are the newest of the store, newest first.
      expect(all.slice(0, 5).map((r) => r.residentId)).toEqual([...mine].reverse().map((r) => r.residentId));
      expect(new Set(all.map((r) => r.residentId)).size).toBe(all.length);
      await expect(s.list(2, 'not-a-cursor')).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      await expect(s.list(2, Buffer.from(JSON.stringify({ pk: 'RECEIPT#x', sk: 'RECEIPT', gsi1pk: 'MERCHANTS', gsi1sk: 'x' })).toString('base64url'))).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    });

    it('deletes a registration and frees its reference; deleting again is no error', async () => {
      const s = store();
      const ref = reference();
      const r = resident(ref);
      await s.create(r);
      await s.delete(r.residentId);
      expect(await s.get(r.residentId)).toBeUndefined();
      expect(await s.byReference(ref)).toBeUndefined();
      expect((await everyPage(s, 100)).map((x) => x.residentId)).not.toContain(r.residentId);
      await expect(s.delete(r.residentId)).resolves.toBeUndefined();
      const again = resident(ref);
      await s.create(again);
      expect((await s.byReference(ref))?.residentId).toBe(again.residentId);
    });
  });
}
