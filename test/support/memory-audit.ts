/** The audit trail in memory (shared/adapters/memory/audit.ts), for tests that build a partial context. */
export { MemoryAuditLog } from '../../shared/adapters/memory';
