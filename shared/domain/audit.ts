/**
 * The staff audit trail: every action of city staff (money moves, campaign and shop changes,
 * review decisions, payouts, and reading a resident's receipt) is recorded once, append-only,
 * with who did it, when, on what, and the values that changed.
 */

export type AuditTargetType = 'campaign' | 'merchant' | 'receipt' | 'payout' | 'ledger' | 'resident' | 'news' | 'review';

export interface AuditTarget {
  type: AuditTargetType;
  id?: string;
}

export interface AuditEntry {
  auditId: string;
  /** When the action finished (ISO 8601 UTC). */
  at: string;
  /** The staff member (the token's `sub`). */
  actor: string;
  /** The operation, as named in the API contract (`createCampaign`, `decideReceipt`...). */
  action: string;
  /** What a person would read: "POST /v1/admin/campaigns/{id}/top-up". */
  route: string;
  target: AuditTarget;
  /** The answer's status: only successful actions and reads are recorded. */
  status: number;
  /** What staff sent, with personal data left out (see `redact`). */
  input?: unknown;
  /** The fields that changed, before and after; a read records neither. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Fields never copied into the trail, wherever they appear: a resident's bank details and the OCR text. */
const SECRET_FIELDS = new Set(['iban', 'holderName', 'text', 'lines', 'lineItems']);
const MAX_VALUE_CHARS = 4_000;

/** A copy with personal fields masked and long values cut, fit for an append-only trail. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  if (typeof value !== 'object') return value;
  if (depth > 6) return '…';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELDS.has(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The top-level fields whose values differ between two states of a record, as two objects of
 * those fields only (a field that appears or disappears is listed with `null` on the other side).
 */
export function changedFields(before: unknown, after: unknown): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined {
  const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (same(a[key], b[key])) continue;
    out.before[key] = redact(a[key] ?? null);
    out.after[key] = redact(b[key] ?? null);
  }
  return Object.keys(out.after).length > 0 ? out : undefined;
}
