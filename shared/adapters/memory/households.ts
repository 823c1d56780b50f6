import { ConflictError, NotFoundError } from '../../domain/errors';
import type { HouseholdStore } from '../../ports';
import { ConditionFailedError } from './cursor';

interface Household {
  householdId: string;
  joinCode: string;
  memberCount: number;
  createdAt: string;
}

/** Households in memory: one household per resident at most, never more members than allowed, the last to leave deletes it. */
export class MemoryHouseholdStore implements HouseholdStore {
  readonly memberships = new Map<string, { householdId: string; joinedAt: string }>();
  readonly households = new Map<string, Household>();
  readonly codes = new Map<string, string>();

  async householdOf(residentId: string): Promise<string | undefined> {
    return this.memberships.get(residentId)?.householdId;
  }

  async get(householdId: string): Promise<Household | undefined> {
    const h = this.households.get(householdId);
    return h ? { ...h } : undefined;
  }

  async create(residentId: string, householdId: string, joinCode: string, now: Date): Promise<void> {
    if (this.memberships.has(residentId)) throw new ConflictError('HOUSEHOLD_ALREADY_SET', 'You already belong to a household.');
    if (this.households.has(householdId) || this.codes.has(joinCode)) throw new ConditionFailedError(`household ${householdId} or its code exists`);
    const at = now.toISOString();
    this.memberships.set(residentId, { householdId, joinedAt: at });
    this.households.set(householdId, { householdId, joinCode, memberCount: 1, createdAt: at });
    this.codes.set(joinCode, householdId);
  }

  async join(residentId: string, joinCode: string, maxMembers: number, now: Date): Promise<string> {
    const householdId = this.codes.get(joinCode);
    if (!householdId) throw new NotFoundError('HOUSEHOLD_NOT_FOUND', 'No household has this code.');
    if (this.memberships.has(residentId)) throw new ConflictError('HOUSEHOLD_ALREADY_SET', 'You already belong to a household.');
    const h = this.households.get(householdId);
    if (!h || h.memberCount >= maxMembers) throw new ConflictError('HOUSEHOLD_FULL', `This household already has ${maxMembers} members.`);
    this.memberships.set(residentId, { householdId, joinedAt: now.toISOString() });
    h.memberCount++;
    return householdId;
  }

  async leave(residentId: string): Promise<void> {
    const membership = this.memberships.get(residentId);
    if (!membership) return;
    this.memberships.delete(residentId);
    const h = this.households.get(membership.householdId);
    if (!h) return;
    if (h.memberCount <= 1) {
      this.households.delete(h.householdId);
      this.codes.delete(h.joinCode);
    } else h.memberCount--;
  }
}
