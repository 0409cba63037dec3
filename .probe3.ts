import { parseOutcomeScores } from '/work/main/src/parse/score-sentences.ts';
const s = '1) จัดทำคู่มือการปฏิบัติงานและเผยแพร่ให้บุคลากรทราบ 2) เผยแพร่ข้อมูลผ่านเว็บไซต์และเฟซบุ๊กของหน่วยงาน 3) ประกาศมาตรฐานการให้บริการ ณ จุดบริการ ด้านการใช้งบประมาณ ปี 2566 คะแนน 93.48 (ระดับผ่านดี) ปี 2565 คะแนน 97.02';
for (const p of parseOutcomeScores(s, 2567)) console.log(p.score?.text, p.year, p.ambiguous?.why, p.ambiguous?.candidates);
