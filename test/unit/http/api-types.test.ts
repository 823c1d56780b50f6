import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../../../web/scripts/openapi-types';

describe('web/shared/openapi.d.ts', () => {
  it('is what docs/openapi.json gives: the web apps are typed by the contract the API publishes (npm run build:web regenerates it)', async () => {
    expect(await readFile(API_TYPES_FILE, 'utf8')).toBe(await apiTypesSource());
  });
});
