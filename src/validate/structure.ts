/**
 * STRUCTURE_UNCERTAIN: the measures table could not be read with certainty. From the parser's notes (a row dropped
 * as a repeated header although it differs from the first, a numberless row with its own score merged into a
 * measure) and from the measure numbers themselves, which must run 1..N.
 */
import type { Flag, Measure } from '../model/extraction-result.ts';
import type { StructureNote } from '../parse/measures.ts';
import { flag } from './flag.ts';

export function checkStructure(measures: Measure[], notes: StructureNote[]): Flag[] {
  const flags: Flag[] = notes.map((n) =>
    flag('STRUCTURE_UNCERTAIN', { measureNo: n.measures[0] ?? null, field: 'measures' }, n.message, { evidence: [n.where] }));
  const numbers = measures.map((m) => m.no);
  const numbered = numbers.filter((n): n is number => n !== null);
  if (numbered.length === 0 || numbered.length < measures.length / 2) return flags;
  const seen = new Set<number>();
  measures.forEach((m, i) => {
    if (m.no === null) return;
    if (seen.has(m.no)) {
      flags.push(flag('STRUCTURE_UNCERTAIN', { measureNo: m.no, field: 'measures' },
        `เลขมาตรการ ${m.no} ซ้ำ: อาจอ่านแถวของตารางผิด`, { evidence: [m.provenance] }));
    }
    seen.add(m.no);
    const prev = measures.slice(0, i).reverse().find((x) => x.no !== null)?.no ?? (i === 0 ? 0 : null);
    if (prev !== null && m.no > prev + 1 && !seen.has(prev + 1)) {
      const missing = Array.from({ length: m.no - prev - 1 }, (_, k) => prev + 1 + k);
      flags.push(flag('STRUCTURE_UNCERTAIN', { measureNo: m.no, field: 'measures' },
        `ไม่พบมาตรการที่ ${missing.join(', ')} (เลขมาตรการข้ามจาก ${prev} ไป ${m.no}): อาจมีแถวที่อ่านไม่ได้หรือถูกรวมกับแถวอื่น`,
        { expected: missing, evidence: [m.provenance] }));
    }
  });
  return flags;
}
