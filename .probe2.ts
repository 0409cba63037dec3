import { parseScoreSentence } from '/work/main/src/parse/score-sentences.ts';
import { lex } from '/work/main/src/parse/mentions.ts';
for (const s of [
  'การปฏิบัติหน้าที่ : ปี 2565 ได้คะแนน 93.45 / ปี 2566 ได้คะแนน 89.47',
  'ด้านการใช้งบประมาณ ปี 2566 คะแนน 93.48 (ระดับผ่านดี) ปี 2565 คะแนน 97.02',
]) {
  const p = parseScoreSentence(s, null, 0, 2567);
  console.log(p?.ambiguous?.candidates, p?.score?.text);
  console.log(lex(s).years.map((y) => [y.year, y.start, y.kind]), lex(s).numbers.map((n) => [n.value.text, n.start, n.cue, n.reason, n.hint?.word]));
}
