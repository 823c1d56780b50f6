/**
 * The import rules of the code (docs/architecture.md): no cycle anywhere, and each floor depends
 * only on the floors below it. Checked by test/unit/repository/architecture.test.ts in `npm test`.
 *
 *   entry points   functions/, shared/local/, shared/cli/, shared/wiring/ (composition), infra/
 *   http           shared/http/            (routes, request parsing, problem+json)
 *   application    shared/app/             (one operation per use case, the pipeline stages)
 *   ports          shared/ports/           (what the application needs from the outside)
 *   domain         shared/domain/          (every business rule; pure)
 *   adapters       shared/adapters/        (DynamoDB, S3, SQS: implement the ports)
 *   reading        shared/ocr/, shared/receipts/ (engines and the receipt parser)
 */
const ENTRY = '^(functions|infra|shared/(local|cli|wiring))/';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make the layers meaningless.', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'Domain code holds the rules: no ports, no application, no adapters, no AWS SDK, no I/O.',
      from: { path: '^shared/domain/' },
      to: { path: ['^shared/(ports|app|adapters|http|local|cli)/', '^functions/', '^infra/', '@aws-sdk', '^node:(fs|net|http|https|child_process|worker_threads)', '^(fs|net|http|https|child_process)$'] },
    },
    {
      name: 'ports-depend-on-the-domain-only',
      severity: 'error',
      comment: 'Ports name what the application needs; they depend on the domain, never on what implements or uses them.',
      from: { path: '^shared/ports/' },
      to: { path: ['^shared/(app|adapters|http|local|cli)/', '@aws-sdk'] },
    },
    {
      name: 'application-uses-ports-not-adapters',
      severity: 'error',
      comment: 'Operations reach the outside through ports; the adapters are chosen by the entry points.',
      from: { path: '^shared/app/' },
      to: { path: ['^shared/(adapters|http|local|cli)/', '@aws-sdk', '^functions/', '^infra/'] },
    },
    {
      name: 'adapters-do-not-call-up',
      severity: 'error',
      comment: 'Adapters translate; they do not call operations or routes.',
      from: { path: '^shared/adapters/' },
      to: { path: ['^shared/(app|http|local|cli)/', '^functions/'] },
    },
    {
      name: 'http-does-not-reach-adapters',
      severity: 'error',
      comment: 'The routes call operations; only entry points wire adapters.',
      from: { path: '^shared/http/' },
      to: { path: ['^shared/(adapters|local|cli)/', '^functions/', '@aws-sdk'] },
    },
    {
      name: 'nothing-imports-an-entry-point',
      severity: 'error',
      from: { pathNot: ENTRY },
      to: { path: ENTRY },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^test/', '^web/', '\\.d\\.ts$'] },
  },
};
