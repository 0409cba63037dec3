/**
 * Year mentions in running text: "ปีงบประมาณ พ.ศ. 2568", "พ.ศ.2568", "ปีงบประมาณ 68", "ปีงบ 69", "ปี 67", "ITA 2568".
 * A year inside the name of a law, regulation or plan (พ.ร.บ.การจัดซื้อจัดจ้างฯ พ.ศ. 2560, แผนพัฒนาท้องถิ่น
 * 2566-2570) names that document, not an assessment, so it is not returned.
 */
import { beYear } from './numbers.ts';

export interface YearMention {
  year: number;
  start: number;
  end: number;
  /** "fiscal" when written with ปีงบประมาณ/ปีงบ, else "plain". */
  kind: 'fiscal' | 'plain';
}

const YEAR_RE = new RegExp(
  [
    '(?<fiscal>(?:ประจำ)?ปี\\s*งบ(?:\\s*ประมาณ)?)\\s*(?:พ\\.\\s*ศ\\.?\\s*)?(?<y1>\\d{4}|\\d{2})',
    '(?:พ\\.\\s*ศ\\.?)\\s*(?<y2>\\d{4})',
    '(?:ITA|ไอทีเอ)\\s*(?<y3>\\d{4}|\\d{2})',
    'ปี\\s*(?<y4>\\d{4}|\\d{2})',
  ].join('|'),
  'gu',
);

/** Law, regulation and plan names whose own year is not a score year. */
const DOCUMENT_NAME = /(?:พ\.\s*ร\.\s*บ\.|พ\.\s*ร\.\s*ก\.|พระราชบัญญัติ|พระราชกฤษฎีกา|ระเบียบ|ประกาศ|กฎหมาย|แผนพัฒนา|แผนยุทธศาสตร์|แผนปฏิบัติการ|แผนป้องกัน|ยุทธศาสตร์|รัฐธรรมนูญ|คำสั่ง)[^\n]{0,90}$/u;

export function findYears(text: string): YearMention[] {
  const out: YearMention[] = [];
  for (const m of text.matchAll(YEAR_RE)) {
    const g = m.groups ?? {};
    const digits = g.y1 ?? g.y2 ?? g.y3 ?? g.y4;
    if (!digits) continue;
    const end = m.index + m[0].length;
    // A decimal or a longer number is not a year ("ปี 67.5"); a range "2566-2570" names a plan period.
    if (/^(?:\.\d|\d|\s*[-–]\s*\d{2,4})/.test(text.slice(end))) continue;
    const year = beYear(digits);
    if (year === null) continue;
    const fiscal = Boolean(g.fiscal);
    const before = text.slice(Math.max(0, m.index - 100), m.index);
    // A fiscal-year phrase (ปีงบประมาณ …) never names a law; a bare พ.ศ. year right after a law's name does.
    // Only the bare "พ.ศ. N" form names a law's year ("พ.ร.บ.… พ.ศ. 2560"); "ปี 2566" after the verb ประกาศ is a year.
    if (g.y2 && DOCUMENT_NAME.test(before) && !/(?:ได้|คะแนน|ผลการประเมิน)/.test(before.slice(before.search(DOCUMENT_NAME)))) continue;
    out.push({ year, start: m.index, end, kind: fiscal ? 'fiscal' : 'plain' });
  }
  return out;
}
