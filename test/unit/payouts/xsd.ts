import { readFileSync } from 'node:fs';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

/**
 * The official ISO 20022 pain.001.001.09 schema, from the project's shared data beside the
 * repository (CI clones the repository next to a copy of shared/, so resolve from the parent).
 */
export const PAIN_001_001_09_XSD = readFileSync(new URL('../../../../shared/data/sepa/pain.001.001.09.xsd', import.meta.url), 'utf8');
export const SAMPLE_PAIN_001_001_09 = readFileSync(new URL('../../../../shared/data/sepa/sample.pain.001.001.09.xml', import.meta.url), 'utf8');

/** Validates one or more documents against the schema in a single xmllint run. */
export async function validatePain001(...documents: string[]): Promise<XMLValidationResult> {
  return validateXML({
    xml: documents.map((contents, i) => ({ fileName: `doc${i}.xml`, contents })),
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: PAIN_001_001_09_XSD }],
    initialMemoryPages: 512,
    maxMemoryPages: 4096,
  });
}
