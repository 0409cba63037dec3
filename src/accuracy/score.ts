/**
 * Scores one extraction result against the truth a careful reader takes from the document (NAME.truth.json):
 *  - fields: fiscal year, agency name/kind/province, title, measure count, each measure's number, title, actions;
 *  - score records: matched by (origin, measure number, official indicator); right when the indicator, score, year,
 *    baseline score, baseline year and change are all exactly right;
 *  - flags: error and warning flags matched by code and target (recall over the truth, precision over ours);
 *  - silent wrong values: a value that differs from the truth while no error or warning flag points at it (same
 *    measure, or same summary indicator, or the report field). This is the number that must stay at 0.
 */
import type { ExtractionResult, Flag } from '../model/extraction-result.ts';

export interface TruthFlag {
  code: string;
  target: { measureNo: number | null; indicatorNo: number | null; field: string | null };
}

export interface TruthScore {
  origin: 'measure' | 'summary';
  measureNo: number | null;
  indicatorNo: number | null;
  year: number | null;
  score: number | null;
  baselineYear: number | null;
  baselineScore: number | null;
  reportedChange: number | null;
}

export interface Truth {
  report: { title?: string; fiscalYear: number | null; agency: { name: string | null; kind: string | null; province: string | null } };
  measures: Array<{ no: number | null; title: string; actions?: string[] }>;
  scores: TruthScore[];
  flags: TruthFlag[];
}

export interface Tally {
  fields: number;
  fieldsRight: number;
  records: number;
  recordsRight: number;
  truthFlags: number;
  truthFlagsFound: number;
  ourFlags: number;
  ourFlagsReal: number;
  silentWrong: number;
  /** What went wrong, one line each, for the report. */
  problems: string[];
}

export const emptyTally = (): Tally => ({ fields: 0, fieldsRight: 0, records: 0, recordsRight: 0, truthFlags: 0, truthFlagsFound: 0, ourFlags: 0, ourFlagsReal: 0, silentWrong: 0, problems: [] });

export function addTally(a: Tally, b: Tally): Tally {
  return {
    fields: a.fields + b.fields, fieldsRight: a.fieldsRight + b.fieldsRight, records: a.records + b.records, recordsRight: a.recordsRight + b.recordsRight,
    truthFlags: a.truthFlags + b.truthFlags, truthFlagsFound: a.truthFlagsFound + b.truthFlagsFound, ourFlags: a.ourFlags + b.ourFlags,
    ourFlagsReal: a.ourFlagsReal + b.ourFlagsReal, silentWrong: a.silentWrong + b.silentWrong, problems: [...a.problems, ...b.problems],
  };
}

const squeeze = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const sameTarget = (a: TruthFlag['target'], b: TruthFlag['target']) => a.measureNo === b.measureNo && a.indicatorNo === b.indicatorNo && a.field === b.field;
const serious = (f: Flag) => f.severity === 'error' || f.severity === 'warning';
const SCORE_FIELDS = ['year', 'score', 'baselineYear', 'baselineScore', 'reportedChange'] as const;

/**
 * A truth from an expected-extraction file (fixtures/seed/*.expected.json, fixtures/variants/*.expect.json): the
 * same facts, with each score's official indicator number taken from its `indicator`.
 */
export function truthFromExpected(e: {
  report: Truth['report']; measures?: Truth['measures']; flags?: TruthFlag[];
  scores?: Array<Omit<TruthScore, 'indicatorNo'> & { indicator: { no: number | null } }>;
}): Truth {
  return {
    report: e.report,
    measures: (e.measures ?? []).map((m) => ({ no: m.no, title: m.title, ...(m.actions ? { actions: m.actions } : {}) })),
    scores: (e.scores ?? []).map(({ indicator, ...s }) => ({ ...s, indicatorNo: indicator.no })),
    flags: (e.flags ?? []).map((f) => ({ code: f.code, target: f.target })),
  };
}

export interface ScoreOptions {
  /**
   * Scans: a low-confidence flag covers only what it targets (a measure's field, the fiscal year, the text), not
   * the whole document as a damaged text layer does.
   */
  targeted?: boolean;
}

export function scoreResult(name: string, truth: Truth, r: ExtractionResult, options: ScoreOptions = {}): Tally {
  const t = emptyTally();
  const flags = r.flags.filter(serious);
  const lowConfidence = (f: Flag, ...fields: string[]) => f.code === 'EXTRACTION_LOW_CONFIDENCE' && (!options.targeted || fields.includes(f.target.field ?? ''));
  const textFlag = (f: Flag) => options.targeted && f.code === 'EXTRACTION_LOW_CONFIDENCE' && f.target.field === 'text';
  // A damaged text layer is flagged for the whole document (with its pages): every value read from it is pointed
  // at. With `targeted`, only the flags the predicate accepts count (and the text flag never covers a number).
  const flagged = (pred: (f: Flag) => boolean) => flags.some((f) => (!options.targeted && f.code === 'EXTRACTION_LOW_CONFIDENCE') || (pred(f) && !textFlag(f)));
  /** One field compared; `text`: a text field (name, title, actions), which a text-wide low-confidence flag covers. */
  const field = (what: string, expected: unknown, actual: unknown, coveredBy: (f: Flag) => boolean, text = false) => {
    t.fields++;
    const ok = typeof expected === 'string' || typeof actual === 'string' ? squeeze(expected as string) === squeeze(actual as string) : expected === actual;
    if (ok) {
      t.fieldsRight++;
      return;
    }
    const silent = !flagged(coveredBy) && !(text && flags.some((f) => lowConfidence(f, 'text')));
    if (silent) t.silentWrong++;
    t.problems.push(`${name}: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}${silent ? ' [SILENT]' : ''}`);
  };
  const reportFlag = (fields: string[], ...codes: string[]) => (f: Flag) => codes.includes(f.code) || lowConfidence(f, ...fields);
  field('fiscalYear', truth.report.fiscalYear, r.report.fiscalYear, reportFlag(['fiscalYear'], 'MISSING_FISCAL_YEAR'));
  field('agency.name', truth.report.agency.name, r.report.agency.name, reportFlag(['agency'], 'MISSING_AGENCY'), true);
  field('agency.kind', truth.report.agency.kind, r.report.agency.kind, reportFlag(['agency'], 'MISSING_AGENCY'), true);
  // A province left unknown (null) is not a wrong value: it is not stated, and nothing downstream assumes one.
  field('agency.province', truth.report.agency.province, r.report.agency.province, (f) => reportFlag(['agency'], 'MISSING_AGENCY')(f) || r.report.agency.province === null, true);
  if (truth.report.title !== undefined) field('title', truth.report.title, r.report.title, () => r.report.title === null, true);
  const structureFlag = (f: Flag) => f.code === 'STRUCTURE_UNCERTAIN' || f.code === 'NO_MEASURES';
  field('measures.length', truth.measures.length, r.measures.length, structureFlag);
  truth.measures.forEach((m, i) => {
    const got = r.measures.find((x) => x.no === m.no) ?? r.measures[i];
    const here = (f: Flag) => structureFlag(f) || (f.target.measureNo === m.no && f.code !== 'MISSING_SCORE');
    field(`measure ${m.no} no`, m.no, got?.no ?? null, here);
    field(`measure ${m.no} title`, m.title, got?.title ?? null, here, true);
    if (m.actions) field(`measure ${m.no} actions`, m.actions.map(squeeze).join('|'), (got?.actions ?? []).map(squeeze).join('|'), here, true);
  });

  // Score records.
  const ours = r.scores.map((s) => ({ s, used: false }));
  for (const ts of truth.scores) {
    t.records++;
    const key = (s: { origin: string; measureNo: number | null }, ind: number | null) => s.origin === ts.origin && s.measureNo === ts.measureNo && ind === ts.indicatorNo;
    const hit = ours.find((o) => !o.used && key(o.s, o.s.indicator.no)) ?? ours.find((o) => !o.used && o.s.origin === ts.origin && o.s.measureNo === ts.measureNo && ts.origin === 'measure');
    const pointsHere = (f: Flag) =>
      ts.origin === 'measure' ? f.target.measureNo === ts.measureNo || structureFlag(f)
        : f.target.measureNo === null && (f.target.indicatorNo === ts.indicatorNo || f.target.indicatorNo === null) && f.target.field !== 'fiscalYear' && f.target.field !== 'agency' && f.code !== 'NO_MEASURES';
    const where = `${ts.origin} ${ts.measureNo ?? ''} indicator ${ts.indicatorNo}`;
    if (!hit) {
      const silent = !flagged(pointsHere);
      if (silent) t.silentWrong++;
      t.problems.push(`${name}: ${where}: record missing${silent ? ' [SILENT]' : ''}`);
      continue;
    }
    hit.used = true;
    const wrong = SCORE_FIELDS.filter((f) => hit.s[f] !== ts[f]);
    if (hit.s.indicator.no !== ts.indicatorNo) wrong.push('indicator' as never);
    if (wrong.length === 0) {
      t.recordsRight++;
      continue;
    }
    // A null where the truth has a value is an abstention; it is silent only if no flag points at it.
    const silent = !flagged(pointsHere);
    if (silent) t.silentWrong++;
    t.problems.push(`${name}: ${where}: ${wrong.map((f) => (f === ('indicator' as never) ? `indicator ${ts.indicatorNo}→${hit.s.indicator.no}` : `${f} ${JSON.stringify(ts[f])}→${JSON.stringify(hit.s[f])}`)).join(', ')}${silent ? ' [SILENT]' : ''}`);
  }
  for (const o of ours.filter((o) => !o.used)) {
    // A score record the truth does not have: wrong unless a flag points at it.
    const silent = !flagged((f) => f.target.measureNo === o.s.measureNo && (o.s.origin === 'measure' || f.target.indicatorNo === o.s.indicator.no));
    if (silent) t.silentWrong++;
    t.problems.push(`${name}: extra ${o.s.origin} record measure ${o.s.measureNo} indicator ${o.s.indicator.no} score ${o.s.score}${silent ? ' [SILENT]' : ''}`);
  }

  // Flags.
  const truthFlags = truth.flags;
  t.truthFlags += truthFlags.length;
  for (const tf of truthFlags) {
    if (flags.some((f) => f.code === tf.code && sameTarget(f.target, tf.target))) t.truthFlagsFound++;
    else t.problems.push(`${name}: missed flag ${tf.code} ${JSON.stringify(tf.target)}`);
  }
  t.ourFlags += flags.length;
  for (const f of flags) {
    if (truthFlags.some((tf) => tf.code === f.code && sameTarget(f.target, tf.target))) t.ourFlagsReal++;
    else t.problems.push(`${name}: unexpected ${f.code} ${JSON.stringify(f.target)}: ${f.message}`);
  }
  return t;
}

export const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b);
