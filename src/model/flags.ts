/**
 * The flag vocabulary (contract/flags.md) as data: one entry per code with its severity and a Thai title and
 * one-line explanation for the people who read it. `FlagCode` is derived from this table, so a new flag is one
 * entry here (and the check that raises it, listed in src/validate/index.ts).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface FlagInfo {
  severity: Severity;
  /** Thai title shown beside the code. */
  th: string;
  /** One-line Thai explanation of what the flag means. */
  explain: string;
  /** English title, for exports and API users who expect it. */
  en: string;
  /** Raised over a batch (not by one report's checks). */
  batch?: true;
}

export const FLAGS = {
  YEAR_LABEL_INCONSISTENT: { severity: 'warning', th: 'ปีของคะแนนไม่สอดคล้องกัน', en: 'Year labels disagree', explain: 'ปีที่ระบุกับคะแนนในรายงานเดียวกันไม่ตรงกัน หรือปีที่ใช้เปรียบเทียบเว้นช่วงต่างจากรายการอื่น' },
  YEAR_AFTER_REPORT: { severity: 'error', th: 'ปีของคะแนนหลังปีงบประมาณของรายงาน', en: 'Score year after the report year', explain: 'คะแนนระบุปีที่มาหลังปีงบประมาณของรายงาน' },
  BASELINE_NOT_EARLIER: { severity: 'error', th: 'ปีที่เปรียบเทียบไม่ใช่ปีก่อนหน้า', en: 'Baseline year not earlier', explain: 'ปีที่ใช้เปรียบเทียบไม่ได้อยู่ก่อนปีของคะแนน' },
  CHANGE_MISMATCH: { severity: 'error', th: 'ผลต่างคะแนนคำนวณไม่ตรง', en: 'Stated change does not add up', explain: 'คะแนน − คะแนนปีฐาน ไม่เท่ากับผลต่างที่รายงานระบุ (เกินการปัดเศษ)' },
  CHANGE_DIRECTION_MISMATCH: { severity: 'error', th: 'ทิศทางคะแนนไม่ตรง', en: 'Direction of change is wrong', explain: 'รายงานว่าเพิ่มขึ้นแต่คะแนนลดลง หรือรายงานว่าลดลงแต่คะแนนเพิ่มขึ้น' },
  SUMMARY_MISMATCH: { severity: 'error', th: 'สรุปผลไม่ตรงกับตารางมาตรการ', en: 'Summary disagrees with the table', explain: 'คะแนนในบรรทัดสรุปต่างจากคะแนนของตัวชี้วัดเดียวกันในตารางมาตรการ' },
  SCORE_OUT_OF_RANGE: { severity: 'error', th: 'คะแนนอยู่นอกช่วง 0–100', en: 'Score out of range', explain: 'คะแนน ITA ต้องอยู่ระหว่าง 0 ถึง 100' },
  INDICATOR_UNKNOWN: { severity: 'warning', th: 'ไม่รู้จักตัวชี้วัด', en: 'Unknown indicator', explain: 'ชื่อตัวชี้วัดไม่ตรงกับรายการทางการของปีที่ประเมิน' },
  INDICATOR_NUMBER_MISMATCH: { severity: 'warning', th: 'เลขตัวชี้วัดไม่ตรงกับชื่อ', en: 'Indicator number mismatch', explain: 'เลขตัวชี้วัดที่เขียนไม่ตรงกับเลขทางการของชื่อตัวชี้วัดนั้น' },
  INDICATOR_NAME_VARIANT: { severity: 'info', th: 'ชื่อตัวชี้วัดเขียนต่างจากชื่อทางการ', en: 'Indicator name variant', explain: 'จับคู่ชื่อกับตัวชี้วัดทางการได้ แต่สะกดต่างจากชื่อทางการ' },
  MISSING_SCORE: { severity: 'warning', th: 'มาตรการไม่ระบุคะแนน', en: 'Measure states no score', explain: 'ผลลัพธ์ของมาตรการไม่ระบุคะแนน ITA' },
  MISSING_FISCAL_YEAR: { severity: 'error', th: 'ไม่พบปีงบประมาณ', en: 'Fiscal year missing', explain: 'อ่านปีงบประมาณของรายงานไม่ได้' },
  MISSING_AGENCY: { severity: 'error', th: 'ไม่พบชื่อหน่วยงาน', en: 'Agency missing', explain: 'อ่านชื่อหน่วยงานที่รายงานไม่ได้' },
  NO_MEASURES: { severity: 'error', th: 'ไม่พบตารางมาตรการ', en: 'No measures table', explain: 'ไม่พบตารางมาตรการ: อาจไม่ใช่รายงาน ITA หรืออ่านตารางไม่ได้' },
  DUPLICATED_TEXT: { severity: 'info', th: 'ข้อความซ้ำ', en: 'Duplicated text', explain: 'คำหรือวลีซ้ำติดกัน อาจพิมพ์ซ้ำหรืออ่านซ้ำ' },
  SCORE_AMBIGUOUS: { severity: 'warning', th: 'ตัดสินบทบาทของตัวเลขไม่ได้', en: 'Score ambiguous', explain: 'ตัวเลขที่อาจเป็นคะแนนแต่บอกไม่ได้ว่าเป็นคะแนน คะแนนปีฐาน หรือผลต่าง หรือเป็นของปีใด: เก็บค่าไว้และเว้นส่วนที่ไม่แน่ใจ' },
  STRUCTURE_UNCERTAIN: { severity: 'warning', th: 'โครงสร้างตารางไม่แน่นอน', en: 'Table structure uncertain', explain: 'เลขมาตรการข้ามหรือซ้ำ วางแถวไม่ได้ หรือแถวถูกตัดทิ้งเป็นหัวตารางทั้งที่ต่างจากหัวตารางแรก' },
  EXTRACTION_LOW_CONFIDENCE: { severity: 'warning', th: 'อ่านข้อความได้ไม่มั่นใจ', en: 'Low extraction confidence', explain: 'ชั้นข้อความของเอกสารเสียหาย หรือ OCR อ่านได้ไม่มั่นใจ' },
  DUPLICATE_SUBMISSION: { severity: 'warning', th: 'ส่งรายงานซ้ำ', en: 'Duplicate submission', explain: 'หน่วยงานและปีงบประมาณเดียวกันมาในหลายไฟล์ในชุดเดียวกัน', batch: true },
} as const satisfies Record<string, FlagInfo>;

export type FlagCode = keyof typeof FLAGS;

export const FLAG_CODES = Object.keys(FLAGS) as FlagCode[];

export const SEVERITY: Readonly<Record<FlagCode, Severity>> = Object.fromEntries(
  FLAG_CODES.map((c) => [c, FLAGS[c].severity]),
) as Record<FlagCode, Severity>;
