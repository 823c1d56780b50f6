import { MemoryCounterResidentStore } from '../../../shared/adapters/memory';
import { counterResidentsContract } from '../../support/counter-residents-contract';

// The in-memory store against the scenarios the DynamoDB store passes (test/integration/counter/contract.test.ts).
const store = new MemoryCounterResidentStore();
counterResidentsContract('in memory', () => store);
