/** What a report must state at all: fiscal year, agency, a measures table, and a score per measure. */
import type { Flag, Measure, ReportInfo } from '../model/extraction-result.ts';
import { flag } from './flag.ts';

export function checkCompleteness(report: ReportInfo, measures: Measure[], scoresPerMeasure: number[], tableFound: boolean): Flag[] {
  const flags: Flag[] = [];
  if (report.fiscalYear === null) {
    flags.push(flag('MISSING_FISCAL_YEAR', { field: 'fiscalYear' }, 'อ่านปีงบประมาณของรายงานไม่ได้ (ไม่พบ "ปีงบประมาณ พ.ศ. ..." ในชื่อหรือส่วนต้นของรายงาน)'));
  }
  if (report.agency.name === null) {
    flags.push(flag('MISSING_AGENCY', { field: 'agency' }, 'อ่านชื่อหน่วยงานที่รายงานไม่ได้ (ไม่พบ อบต./เทศบาล/อบจ. ในชื่อหรือส่วนต้นของรายงาน)'));
  }
  if (!tableFound || measures.length === 0) {
    flags.push(flag('NO_MEASURES', { field: 'measures' }, 'ไม่พบตารางมาตรการในเอกสาร: อาจไม่ใช่รายงานผลการดำเนินการตามมาตรการ ITA หรืออ่านตารางไม่ได้'));
  }
  measures.forEach((m, i) => {
    if (!scoresPerMeasure[i]) {
      flags.push(flag('MISSING_SCORE', { measureNo: m.no, field: 'outcome' },
        `มาตรการ${m.no !== null ? `ที่ ${m.no}` : ` «${m.title.slice(0, 40)}»`} ไม่ระบุคะแนน ITA ในผลลัพธ์การดำเนินการ`, { evidence: [m.provenance] }));
    }
  });
  return flags;
}
