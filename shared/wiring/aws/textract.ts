import { TextractJsonClient } from '../../adapters/aws/textract-json';
import { signingFromEnvironment } from './signing';

/** Textract in the function's region, through the ocr function's own signed client (no AWS SDK to load). */
export function textractClient(env: NodeJS.ProcessEnv = process.env): TextractJsonClient {
  return new TextractJsonClient(signingFromEnvironment('the Textract client', env));
}
