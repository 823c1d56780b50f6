import type { CounterResident } from '../domain/counter-resident';
import type { Page } from './page';

/**
 * Residents registered at the counter (issue #19, shared/domain/counter-resident.ts). A reference
 * belongs to one resident at a time: `create` is refused (ConflictError COUNTER_REFERENCE_TAKEN)
 * when another holds it, even under a race; `delete` (an erasure) frees it.
 */
export interface CounterResidentStore {
  create(resident: CounterResident): Promise<void>;
  get(residentId: string): Promise<CounterResident | undefined>;
  /** The resident holding this normalised reference. */
  byReference(reference: string): Promise<CounterResident | undefined>;
  /** Every counter resident, newest registration first. */
  list(limit: number, cursor?: string): Promise<Page<CounterResident>>;
  /** Deletes the registration and frees its reference; an absent one is no error. */
  delete(residentId: string): Promise<void>;
}
