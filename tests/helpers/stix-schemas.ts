import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// The schemas' patterns use escapes a unicode-mode RegExp refuses (\-), so ajv compiles without the u flag.
const ROOT = path.resolve(process.cwd(), 'tests/fixtures/stix2.1/schemas');
let validator: ValidateFunction | null = null;

/** The OASIS STIX 2.1 bundle schema (tests/fixtures/stix2.1/README.md), compiled once. */
export function stixBundleValidator(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // Formats ajv-formats lacks; the schemas use them on domain names and emails only.
  ajv.addFormat('idn-hostname', true);
  ajv.addFormat('idn-email', true);
  for (const dir of fs.readdirSync(ROOT))
    for (const file of fs.readdirSync(path.join(ROOT, dir)))
      if (file.endsWith('.json'))
        ajv.addSchema(JSON.parse(fs.readFileSync(path.join(ROOT, dir, file), 'utf8')));
  validator = ajv.getSchema(
    'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json',
  )!;
  return validator;
}

/** Schema errors of a bundle, as short lines (empty when it validates). */
export function stixBundleErrors(bundle: unknown): string[] {
  const validate = stixBundleValidator();
  if (validate(bundle)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message}`);
}
