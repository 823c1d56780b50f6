import { readFileSync } from 'node:fs';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

/**
 * The official ISO 20022 pain.001.001.09 schema and a sample document, kept in
 * test/fixtures/sepa/ (its README.md gives their source and licence).
 */
const SEPA_FIXTURES = new URL('../../fixtures/sepa/', import.meta.url);
export const PAIN_001_001_09_XSD = readFileSync(new URL('pain.001.001.09.xsd', SEPA_FIXTURES), 'utf8');
export const SAMPLE_PAIN_001_001_09 = readFileSync(new URL('sample.pain.001.001.09.xml', SEPA_FIXTURES), 'utf8');

/** Validates one or more documents against the schema in a single xmllint run. */
export async function validatePain001(...documents: string[]): Promise<XMLValidationResult> {
  return validateXML({
    xml: documents.map((contents, i) => ({ fileName: `doc${i}.xml`, contents })),
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: PAIN_001_001_09_XSD }],
    initialMemoryPages: 512,
    maxMemoryPages: 4096,
  });
}
