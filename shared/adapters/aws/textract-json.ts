import type { TextractApi } from '../../ocr/textract-api';
import { AwsJsonService, type AwsJsonClientOptions } from './json-protocol';

/**
 * Textract in its JSON protocol (AWS JSON 1.1, X-Amz-Target `Textract.<operation>`), signed by the
 * ocr function itself: the SDK's Textract client cost tens of milliseconds of its cold start (npm
 * run bench:cold). The document's bytes go base64-encoded, as the protocol carries a blob. Retries
 * as the SDK's standard mode (./json-protocol.ts): throttling (ProvisionedThroughputExceeded,
 * Throttling) and server errors; a refused document (UnsupportedDocumentException, BadDocument...)
 * comes back at once, named as the SDK names it, for the engines to call it unreadable.
 */
export class TextractJsonClient implements TextractApi {
  private readonly textract: AwsJsonService;

  constructor(options: AwsJsonClientOptions) {
    // A receipt takes Textract a few seconds; an attempt without an answer after 25 s is abandoned
    // and tried again, within the ocr function's 60 s (past them, the message goes back to the queue).
    this.textract = new AwsJsonService({ timeoutMs: 25_000, ...options, service: 'textract', targetPrefix: 'Textract', jsonVersion: '1.1' });
  }

  analyzeExpense(document: Uint8Array): Promise<unknown> {
    return this.call('AnalyzeExpense', document);
  }

  detectDocumentText(document: Uint8Array): Promise<unknown> {
    return this.call('DetectDocumentText', document);
  }

  destroy(): void {
    this.textract.destroy();
  }

  private async call(operation: string, document: Uint8Array): Promise<unknown> {
    const bytes = Buffer.from(document.buffer, document.byteOffset, document.byteLength).toString('base64');
    const { body, error } = await this.textract.call(operation, { Document: { Bytes: bytes } });
    if (error) throw error;
    return body;
  }
}
