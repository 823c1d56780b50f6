/**
 * What the Textract engines ask of Textract: the two synchronous operations on a document's bytes.
 * The answer is Textract's JSON as it comes (AnalyzeExpense's or DetectDocumentText's response),
 * read defensively by textract-expense.ts and textract-text.ts, as saved responses are. The AWS
 * side is shared/adapters/aws/textract-json.ts.
 */
export interface TextractApi {
  analyzeExpense(document: Uint8Array): Promise<unknown>;
  detectDocumentText(document: Uint8Array): Promise<unknown>;
}
