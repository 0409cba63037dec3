/** TypeScript form of contract/extraction-result.schema.json (schemaVersion 1). */
import type { Provenance, SourceFormat } from './document.ts';
import type { Message } from './result.ts';

export type AgencyKind = 'sao' | 'subdistrict-municipality' | 'town-municipality' | 'city-municipality' | 'pao' | 'other';

export interface Agency {
  name: string | null;
  kind: AgencyKind | null;
  province: string | null;
}

export interface ReportInfo {
  title: string | null;
  fiscalYear: number | null;
  agency: Agency;
}

export interface Measure {
  no: number | null;
  title: string;
  summary: string;
  actions: string[];
  outcome: string;
  provenance: Provenance;
}

export interface IndicatorRef {
  no: number | null;
  name: string | null;
  statedNo: number | null;
  statedName: string | null;
}

export interface Score {
  origin: 'measure' | 'summary';
  measureNo: number | null;
  indicator: IndicatorRef;
  year: number | null;
  score: number | null;
  baselineYear: number | null;
  baselineScore: number | null;
  reportedChange: number | null;
  provenance: Provenance;
}

import type { FlagCode, Severity } from './flags.ts';
export type { FlagCode, Severity } from './flags.ts';

export interface FlagTarget {
  measureNo: number | null;
  indicatorNo: number | null;
  field: string | null;
}

export interface Flag {
  code: FlagCode;
  severity: Severity;
  message: string;
  target: FlagTarget;
  expected?: unknown;
  evidence?: Provenance[];
  /** EXTRACTION_LOW_CONFIDENCE: the PDF pages whose text layer is damaged. */
  pages?: number[];
}

export interface ExtractionResult {
  schemaVersion: 1;
  source: {
    fileName: string;
    sha256: string;
    format: SourceFormat;
    pages: number | null;
    ocr: boolean;
    /** Text encoding of text/HTML input (utf-8, windows-874). */
    encoding?: string;
  };
  report: ReportInfo;
  measures: Measure[];
  scores: Score[];
  flags: Flag[];
  /** What the extractors and normalisers noticed (library warnings, repaired glyphs), never dropped. */
  messages: Message[];
}
