/**
 * Every check one report can raise. Each entry names the flag codes it may raise (all of contract/flags.md but the
 * batch-level DUPLICATE_SUBMISSION); a new check is one entry here, its codes one entry each in src/model/flags.ts.
 */
import type { OcrInfo } from '../model/document.ts';
import type { Flag } from '../model/extraction-result.ts';
import type { FlagCode } from '../model/flags.ts';
import { SEVERITY } from '../model/flags.ts';
import type { Message, Result } from '../model/result.ts';
import type { WordSegmenter } from '../normalize/segment-words.ts';
import type { ParsedReport } from '../parse/index.ts';
import { checkAmbiguousScores } from './ambiguity.ts';
import { checkChangeArithmetic, checkScoreRange } from './arithmetic.ts';
import { checkCompleteness } from './completeness.ts';
import { checkIndicators } from './indicators.ts';
import { checkStructure } from './structure.ts';
import { checkSummaryAgainstMeasures } from './summary.ts';
import { checkOcrFiscalYear, checkOcrText, checkOcrUnplacedScores, checkOcrValues } from './ocr.ts';
import { checkDuplicatedText, checkTextLayer } from './text.ts';
import { checkYearLabels } from './years.ts';

export interface CheckContext {
  parsed: ParsedReport;
  messages: Message[];
  seg: WordSegmenter;
  /** What OCR read twice, when pages were scans. */
  ocr?: OcrInfo;
}

export interface Check {
  name: string;
  raises: FlagCode[];
  run(ctx: CheckContext): Flag[];
}

export const CHECKS: readonly Check[] = [
  { name: 'completeness', raises: ['MISSING_FISCAL_YEAR', 'MISSING_AGENCY', 'NO_MEASURES', 'MISSING_SCORE'],
    run: ({ parsed: p }) => checkCompleteness(p.report, p.measures, p.scoresPerMeasure, p.measuresTableFound) },
  { name: 'structure', raises: ['STRUCTURE_UNCERTAIN'], run: ({ parsed: p }) => checkStructure(p.measures, p.structure) },
  { name: 'ambiguous scores', raises: ['SCORE_AMBIGUOUS'], run: ({ parsed: p }) => checkAmbiguousScores(p.scores) },
  { name: 'year labels', raises: ['YEAR_LABEL_INCONSISTENT', 'YEAR_AFTER_REPORT', 'BASELINE_NOT_EARLIER'],
    run: ({ parsed: p }) => checkYearLabels(p.scores, p.report.fiscalYear) },
  { name: 'change arithmetic', raises: ['CHANGE_MISMATCH', 'CHANGE_DIRECTION_MISMATCH'], run: ({ parsed: p }) => checkChangeArithmetic(p.scores) },
  { name: 'score range', raises: ['SCORE_OUT_OF_RANGE'], run: ({ parsed: p }) => checkScoreRange(p.scores) },
  { name: 'summary vs measures', raises: ['SUMMARY_MISMATCH'], run: ({ parsed: p }) => checkSummaryAgainstMeasures(p.scores) },
  { name: 'indicators', raises: ['INDICATOR_UNKNOWN', 'INDICATOR_NUMBER_MISMATCH', 'INDICATOR_NAME_VARIANT'],
    run: ({ parsed: p }) => checkIndicators(p.scores, p.report.fiscalYear) },
  { name: 'duplicated text', raises: ['DUPLICATED_TEXT'], run: ({ parsed: p, seg }) => checkDuplicatedText(p.measures, seg) },
  { name: 'text layer', raises: ['EXTRACTION_LOW_CONFIDENCE'], run: ({ messages, ocr }) => checkTextLayer(messages, ocr?.pages) },
  { name: 'OCR text and fiscal year', raises: ['EXTRACTION_LOW_CONFIDENCE'],
    run: ({ parsed: p, ocr, messages }) => [...checkOcrText(ocr, messages), ...checkOcrFiscalYear(p.report.fiscalYear, ocr)] },
];

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function validateReport(parsed: ParsedReport, messages: Message[], seg: WordSegmenter, ocr?: OcrInfo): Result<Flag[]> {
  const out: Message[] = [];
  let flags: Flag[] = [];
  for (const check of CHECKS) {
    for (const f of check.run({ parsed, messages, seg, ocr })) {
      if (!check.raises.includes(f.code)) {
        out.push({ code: 'CHECK_UNDECLARED_FLAG', severity: 'warning', text: `check «${check.name}» raised ${f.code}, which it does not declare` });
      }
      flags.push(f);
    }
  }
  // OCR'd numbers last: each stands only when confirmed, and an error flag resting on a doubtful reading gives
  // way to the low-confidence flag (validate/ocr.ts).
  const values = checkOcrValues(parsed.scores, ocr, flags, parsed.report.fiscalYear);
  const unplaced = checkOcrUnplacedScores(parsed.scores, parsed.measures, ocr, flags);
  const ocrChecked = { add: [...values.add, ...unplaced.add], drop: [...values.drop, ...unplaced.drop] };
  if (ocrChecked.drop.length) {
    flags = flags.filter((f) => !ocrChecked.drop.includes(f));
    out.push({ code: 'OCR_FLAG_WITHDRAWN', severity: 'info', text: `${ocrChecked.drop.length} flag(s) rest on OCR readings that are not confirmed, replaced by EXTRACTION_LOW_CONFIDENCE or SCORE_AMBIGUOUS: ${ocrChecked.drop.map((f) => f.code).join(', ')}` });
  }
  flags.push(...ocrChecked.add);
  return { value: flags.sort((a, b) => ORDER[SEVERITY[a.code]] - ORDER[SEVERITY[b.code]]), messages: out };
}
