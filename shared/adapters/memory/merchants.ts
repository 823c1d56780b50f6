/** The merchant store in memory lives with the directory's other code; named here with the other in-memory adapters. */
export { MemoryMerchantStore } from '../../merchants/memory-store';
