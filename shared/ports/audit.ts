import type { AuditEntry, AuditTargetType } from '../domain/audit';
import type { Page } from './page';

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: AuditTargetType;
  targetId?: string;
  /** Inclusive bounds, ISO 8601 instants or dates. */
  from?: string;
  to?: string;
}

/** The staff audit trail: entries are appended, never changed nor removed. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEntry>>;
}
