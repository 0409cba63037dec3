/** Every check one report can raise (all of flags.md but DUPLICATE_SUBMISSION, which needs a batch). */
import type { Flag } from '../model/extraction-result.ts';
import type { Message } from '../model/result.ts';
import type { WordSegmenter } from '../normalize/segment-words.ts';
import type { ParsedReport } from '../parse/index.ts';
import { checkChangeArithmetic, checkScoreRange } from './arithmetic.ts';
import { checkCompleteness } from './completeness.ts';
import { checkIndicators } from './indicators.ts';
import { SEVERITY } from './flag.ts';
import { checkSummaryAgainstMeasures } from './summary.ts';
import { checkDuplicatedText, checkTextLayer } from './text.ts';
import { checkYearLabels } from './years.ts';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function validateReport(parsed: ParsedReport, messages: Message[], seg: WordSegmenter): Flag[] {
  const { report, measures, scores } = parsed;
  const flags = [
    ...checkCompleteness(report, measures, parsed.scoresPerMeasure, parsed.measuresTableFound),
    ...checkYearLabels(scores, report.fiscalYear),
    ...checkChangeArithmetic(scores),
    ...checkScoreRange(scores),
    ...checkSummaryAgainstMeasures(scores),
    ...checkIndicators(scores, report.fiscalYear),
    ...checkDuplicatedText(measures, seg),
    ...checkTextLayer(messages),
  ];
  return flags.sort((a, b) => ORDER[SEVERITY[a.code]] - ORDER[SEVERITY[b.code]]);
}
