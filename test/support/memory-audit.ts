import type { AuditEntry } from '../../shared/domain/audit';
import type { AuditFilter, AuditLog } from '../../shared/ports/audit';

/** The audit trail in memory, for tests that build a partial context: same filters, newest first. */
export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(entry: AuditEntry): Promise<void> {
    if (this.entries.some((e) => e.auditId === entry.auditId)) throw new Error(`audit entry ${entry.auditId} exists`);
    this.entries.push(entry);
  }
  async list(filter: AuditFilter, limit: number, cursor?: string) {
    const matching = this.entries
      .filter(
        (e) =>
          (!filter.actor || e.actor === filter.actor) &&
          (!filter.action || e.action === filter.action) &&
          (!filter.targetType || e.target.type === filter.targetType) &&
          (!filter.targetId || e.target.id === filter.targetId) &&
          (!filter.from || e.at >= filter.from) &&
          (!filter.to || e.at <= `${filter.to}\uffff`),
      )
      .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1));
    const start = cursor ? Number(cursor) : 0;
    const items = matching.slice(start, start + limit);
    return { items, nextCursor: start + limit < matching.length ? String(start + limit) : null };
  }
}
