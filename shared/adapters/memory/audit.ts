import type { AuditEntry } from '../../domain/audit';
import type { Page } from '../../ports/page';
import type { AuditFilter, AuditLog } from '../../ports/audit';
import { ConditionFailedError, copy, pageOf, sortedBy } from './cursor';

/** The staff audit trail in memory: appended once, the same filters as DynamoAuditLog, newest first. */
export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    if (this.entries.some((e) => e.auditId === entry.auditId)) throw new ConditionFailedError(`audit entry ${entry.auditId} exists`);
    this.entries.push(copy(entry));
  }

  async list(filter: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    const matching = this.entries.filter(
      (e) =>
        (!filter.actor || e.actor === filter.actor) &&
        (!filter.action || e.action === filter.action) &&
        (!filter.targetType || e.target.type === filter.targetType) &&
        (!filter.targetId || e.target.id === filter.targetId) &&
        (!filter.from || e.at >= filter.from) &&
        (!filter.to || e.at <= `${filter.to}\uffff`),
    );
    // A cursor belongs to the list read, as on the table: a target's history, an actor's actions, or everything.
    const list = filter.targetType && filter.targetId ? `target:${filter.targetType}#${filter.targetId}` : filter.actor ? `actor:${filter.actor}` : 'all';
    const page = pageOf(`audit:${list}`, sortedBy(matching, (e) => `${e.at}#${e.auditId}`, 'DESC'), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }
}
