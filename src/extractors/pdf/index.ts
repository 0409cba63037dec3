/** PDF extraction is being built (issue 3); until then a PDF is refused with a clear, permanent error. */
import type { DocumentModel } from '../../model/document.ts';
import { PermanentError } from '../../model/errors.ts';
import type { Result } from '../../model/result.ts';

export async function extractPdf(_bytes: Uint8Array, fileName: string): Promise<Result<DocumentModel>> {
  throw new PermanentError(fileName, 'PDF input is not supported yet; convert the report to DOCX or text');
}
