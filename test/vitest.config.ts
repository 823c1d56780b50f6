import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Five suites: fast unit tests, integration tests against DynamoDB Local and the S3/SQS emulator
// (each file starts and stops what it needs), the CDK infra tests, end-to-end tests that start
// the whole local stack, and browser tests of the web apps (Chromium on the local stack). The slow suites run one file at a time: the machine has 2 cores.
export default defineConfig({
  root,
  test: {
    // Every JSON answer of the API is checked against the schema it publishes (shared/http/routes.ts);
    // stacks the e2e tests start inherit it.
    env: { CABAS_CHECK_RESPONSES: '1' },
    // One file at a time: DynamoDB Local (Java), tesseract and the local stack share 2 cores.
    fileParallelism: false,
    maxWorkers: 1,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
