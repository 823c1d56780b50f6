import { memoryAppContext } from '../../../shared/wiring/memory-context';
import { ledgerContract } from '../../support/ledger-contract';

// The in-memory ledger against the scenarios the DynamoDB ledger passes (test/integration/ledger/contract.test.ts).
const ctx = memoryAppContext();
ledgerContract('in memory', () => ctx);
