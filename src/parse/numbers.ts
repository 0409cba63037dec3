/** Numbers as the document states them: the value and the decimals written, which set the rounding tolerance. */

export interface StatedNumber {
  value: number;
  /** As written after digit normalisation, e.g. "19.6". */
  text: string;
  decimals: number;
}

export function statedNumber(text: string): StatedNumber {
  const t = text.replace(/,/g, '');
  const dot = t.indexOf('.');
  return { value: Number(t), text: t, decimals: dot < 0 ? 0 : t.length - dot - 1 };
}

/** A stated number without its sign (a change is stored signed, its precision is that of the digits written). */
export function statedMagnitude(text: string | null): StatedNumber | null {
  return text ? statedNumber(text.replace(/^-/, '')) : null;
}

/** Half a unit of the last written decimal: "19.6" stands for 19.55..19.65. */
export function roundingTolerance(...numbers: Array<StatedNumber | null | undefined>): number {
  const decimals = Math.min(...numbers.filter((n): n is StatedNumber => !!n).map((n) => n.decimals), 2);
  return 0.5 * 10 ** -decimals + 1e-9;
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A Buddhist Era year from 4 digits (2568) or 2 (68 → 2568); null when implausible for these reports
 * (a CE year such as 2024 is not read as a label: converting it would change what the report says). */
export function beYear(digits: string): number | null {
  let y = Number(digits);
  if (digits.length === 2) y += 2500;
  return y >= 2540 && y <= 2600 ? y : null;
}
