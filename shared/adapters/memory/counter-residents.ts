import type { CounterResident } from '../../domain/counter-resident';
import { ConflictError } from '../../domain/errors';
import type { CounterResidentStore } from '../../ports/counter-residents';
import type { Page } from '../../ports/page';
import { copy, pageOf, sortedBy } from './cursor';

/** Counter residents in memory, with DynamoCounterResidentStore's contract: one resident per reference, newest first. */
export class MemoryCounterResidentStore implements CounterResidentStore {
  readonly residents = new Map<string, CounterResident>();

  async create(resident: CounterResident): Promise<void> {
    if (this.residents.has(resident.residentId)) throw new Error(`Counter resident ${resident.residentId} already exists`);
    for (const r of this.residents.values()) {
      if (r.reference === resident.reference) throw new ConflictError('COUNTER_REFERENCE_TAKEN', 'Another resident is already registered with this reference.');
    }
    this.residents.set(resident.residentId, copy(resident));
  }

  async get(residentId: string): Promise<CounterResident | undefined> {
    const r = this.residents.get(residentId);
    return r ? copy(r) : undefined;
  }

  async byReference(reference: string): Promise<CounterResident | undefined> {
    for (const r of this.residents.values()) if (r.reference === reference) return copy(r);
    return undefined;
  }

  async list(limit: number, cursor?: string): Promise<Page<CounterResident>> {
    const page = pageOf('counter-residents', sortedBy(this.residents.values(), (r) => `${r.registeredAt}#${r.residentId}`, 'DESC'), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }

  async delete(residentId: string): Promise<void> {
    this.residents.delete(residentId);
  }
}
