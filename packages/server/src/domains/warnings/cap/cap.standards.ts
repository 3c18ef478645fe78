import fs from 'node:fs';
import path from 'node:path';
import { referenceDir } from '../../areas/areas.reference.ts';

/**
 * data/standards/CAP-v1.2.xsd, the schema every CAP document is validated against. It sits beside data/reference, so
 * the same locator finds it from the source tree (tests) and from the bundled server.
 */
export function capSchemaPath(): string {
  const file = path.join(path.dirname(referenceDir()), 'standards', 'CAP-v1.2.xsd');
  if (!fs.existsSync(file)) throw new Error(`CAP 1.2 schema missing: ${file}`);
  return file;
}
