/**
 * Thai word segmentation with wordcut, loaded once per process.
 * wordcut's init() reads 16 dictionary files (~24k words, ~200 ms): never bundle it (it then silently loads no
 * dictionary) and check the dictionary is not empty. Words it misses in these reports are added here.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Words of ITA reports that wordcut's dictionary splits wrongly (ประจำปีงบประมาณ → ประ|จำปี|งบประมาณ). */
export const EXTRA_WORDS: readonly string[] = [
  'ปีงบประมาณ', 'ประจำปีงบประมาณ', 'ปีงบ', 'งบประมาณ', 'คุณธรรม', 'ความโปร่งใส', 'โปร่งใส', 'ตัวชี้วัด',
  'ผู้บริหาร', 'ผู้ปฏิบัติงาน', 'ประชาสัมพันธ์', 'จัดซื้อจัดจ้าง', 'ทรัพย์สิน', 'ราชการ', 'ทางราชการ',
  'เว็บไซต์', 'เฟซบุ๊ก', 'ออนไลน์', 'อินเทอร์เน็ต', 'ประชาคม', 'อุปโภคบริโภค', 'ค่าภาษี', 'สิ่งปลูกสร้าง',
  'องค์การบริหารส่วนตำบล', 'องค์การบริหารส่วนจังหวัด', 'เทศบาลตำบล', 'เทศบาลเมือง', 'เทศบาลนคร',
  'การดำเนินงาน', 'ดำเนินการ', 'ปฏิบัติงาน', 'ผลการประเมิน', 'หน่วยงาน', 'ภาครัฐ',
  'เพิ่มขึ้น', 'ลดลง', 'สูงขึ้น', 'ต่ำลง', 'ปรากฏว่า', 'คะแนน', 'มีคะแนน', 'อยู่ที่', 'รายตัวชี้วัด',
];

export interface WordSegmenter {
  /** Segments Thai text into words; non-Thai runs come back as their own segments. */
  cut(text: string): string[];
  /** Whether the dictionary knows the word. */
  has(word: string): boolean;
  /** Number of dictionary entries (a sanity check that the dictionary loaded). */
  size: number;
}

interface WordcutModule {
  init(dictPath?: string | string[], withDefault?: boolean, additionalWords?: string[]): void;
  cutIntoArray(text: string): string[];
  acceptors: { creators: Array<{ dict?: string[] }> };
}

let cached: WordSegmenter | undefined;

export function getWordSegmenter(): WordSegmenter {
  if (cached) return cached;
  const wordcut = require('wordcut') as WordcutModule;
  wordcut.init(undefined, true, [...EXTRA_WORDS]);
  const dictCreator = wordcut.acceptors.creators.find((c) => Array.isArray(c.dict));
  const dict = dictCreator?.dict ?? [];
  if (dict.length < 10000) {
    throw new Error(`wordcut loaded ${dict.length} words; its dictionary files were not found (is it bundled?)`);
  }
  const words = new Set(dict);
  cached = {
    cut: (text) => (text ? wordcut.cutIntoArray(text) : []),
    has: (word) => words.has(word),
    size: words.size,
  };
  return cached;
}

/**
 * A bounded memo of an answer that depends only on a text and the segmenter (it is emptied when full): wrap
 * decisions and word counts recur across pages and reports, and segmenting them again was most of the pipeline's
 * time. `keep` says whether a key is worth keeping (a very long one is not).
 */
export function memoBySegmenter<T>(max: number, keep: (key: string) => boolean = () => true) {
  const bySeg = new WeakMap<WordSegmenter, Map<string, T>>();
  return (seg: WordSegmenter, key: string, compute: () => T): T => {
    let cache = bySeg.get(seg);
    if (!cache) bySeg.set(seg, (cache = new Map()));
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (keep(key)) {
      if (cache.size >= max) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
