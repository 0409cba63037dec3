/** The contract schema (JSON Schema 2020-12) compiled once with ajv. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync(new URL('../../contract/extraction-result.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
export const validateContract = ajv.compile(schema);

export function contractErrors(value: unknown): string[] {
  return validateContract(value) ? [] : (validateContract.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
