import { randomInt } from 'node:crypto';
import * as z from '../schema';
import { capRuleOf, capWindowKey } from '../domain/campaign';
import { isoWeek } from '../domain/dates';
import { ConflictError } from '../domain/errors';
import type { AppContext, Caller } from './context';

/** A household larger than this is not a household (and would pool allowances too widely). */
export const MAX_HOUSEHOLD_MEMBERS = 8;

/** Join codes: 10 characters without look-alikes (no 0/O, 1/I/L), about 48 bits. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;

export const JoinHouseholdBody = z.strictObject({
  joinCode: z.string().check(z.trim(), z.toUpperCase(), z.regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`), `a ${CODE_LENGTH}-character household code`)),
});

function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * A resident who has already drawn on an allowance per household as a household of one may not
 * join or found a household while that allowance is open: the household's allowance would come
 * on top of what they used alone.
 */
async function assertNoAllowanceUsedAlone(ctx: AppContext, residentId: string) {
  for (const c of await ctx.campaigns.listActive()) {
    const cap = capRuleOf(c);
    if (cap?.per !== 'HOUSEHOLD') continue;
    if ((await ctx.ledger.capUsage(c.campaignId, residentId, capWindowKey(cap.period, c.startsOn, isoWeek))) > 0) {
      throw new ConflictError('HOUSEHOLD_LOCKED', `You have already used the allowance of "${c.name}" on your own: your household can be set once it ends.`);
    }
  }
}

/** What a resident sees of their household: the code to share with its members, and how many there are. */
async function view(ctx: AppContext, householdId: string) {
  const h = await ctx.households.get(householdId);
  return { householdId, joinCode: h?.joinCode ?? null, memberCount: h?.memberCount ?? 0, maxMembers: MAX_HOUSEHOLD_MEMBERS };
}

/** GET /v1/me/household */
export async function myHousehold(ctx: AppContext, caller: Caller) {
  const id = await ctx.households.householdOf(caller.sub);
  return id ? view(ctx, id) : { householdId: null, joinCode: null, memberCount: 0, maxMembers: MAX_HOUSEHOLD_MEMBERS };
}

/** POST /v1/me/household: founds a household; its code is shared with the other members. */
export async function createHousehold(ctx: AppContext, caller: Caller) {
  await assertNoAllowanceUsedAlone(ctx, caller.sub);
  const householdId = ctx.newId();
  await ctx.households.create(caller.sub, householdId, newJoinCode(), ctx.clock.now());
  return view(ctx, householdId);
}

/** POST /v1/me/household/join */
export async function joinHousehold(ctx: AppContext, caller: Caller, body: z.infer<typeof JoinHouseholdBody>) {
  await assertNoAllowanceUsedAlone(ctx, caller.sub);
  const householdId = await ctx.households.join(caller.sub, body.joinCode, MAX_HOUSEHOLD_MEMBERS, ctx.clock.now());
  return view(ctx, householdId);
}
