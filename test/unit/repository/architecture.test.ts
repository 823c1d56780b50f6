import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The house drawn from the imports (.dependency-cruiser.cjs, docs/architecture.md): no cycle, and
 * each floor depends only on those below it. A violation names the two files and the rule.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
let result: ICruiseResult;

beforeAll(async () => {
  const config = require(`${ROOT}.dependency-cruiser.cjs`) as { forbidden: never[]; options: Record<string, unknown> };
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const out = await cruise(['shared', 'functions', 'infra'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
    result = out.output as ICruiseResult;
  } finally {
    process.chdir(previous);
  }
}, 120_000);

const violations = (rule?: string) =>
  result.summary.violations
    .filter((v) => !rule || v.rule.name === rule)
    .map((v) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => (typeof c === 'string' ? c : c.name)).join(' -> ')})` : ''}`);

describe('the import rules', () => {
  it('cruised the code (a broken config would find nothing)', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(100);
    expect(result.modules.some((m) => m.source === 'shared/domain/campaign.ts')).toBe(true);
  });

  it('has no import cycle anywhere', () => {
    expect(violations('no-circular')).toEqual([]);
  });

  it('keeps every floor on the floors below it', () => {
    expect(violations()).toEqual([]);
  });
});
