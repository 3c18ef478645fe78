import type { CapAlert, CapError } from '@yingji/contracts/cap.ts';
import { AppError } from '../../../platform/errors.ts';
import { CAP_MAX_BYTES, prepareXml, xmlGuardErrors } from './cap.guard.ts';
import { checkCapSemantics } from './cap.semantics.ts';
import { capSchemaPath } from './cap.standards.ts';
import { parseCapXml } from './cap.xml.ts';
import { XMLLINT_TIMEOUT_MS, xmllintSchemaErrors } from './cap.xmllint.ts';

export type CapValidation = { ok: true; alert: CapAlert } | { ok: false; errors: CapError[] };

export interface CapValidateOptions {
  /** Largest document accepted, in UTF-8 bytes (default CAP_MAX_BYTES, 1 MiB). */
  maxBytes?: number;
  /** How long xmllint may run before it is killed and the document refused (default 10 s). */
  timeoutMs?: number;
  /** The XSD to validate against (default data/standards/CAP-v1.2.xsd). */
  xsdPath?: string;
  /** The xmllint program (default: `xmllint` on PATH). */
  xmllint?: string;
}

/**
 * Everything a CAP document from outside must pass, cheapest first, stopping at the first stage that fails:
 * 1. size, DOCTYPE/ENTITY declarations, well-formedness (before any parser builds anything from it);
 * 2. the CAP 1.2 XSD, with xmllint (errors carry line numbers);
 * 3. the rules the XSD cannot express (closed polygons, coordinate ranges, references for updates, …).
 * Rejects with `XmllintUnavailableError` only when xmllint itself cannot run — a server fault, not a bad document.
 */
export async function validateCapXml(xml: string, options: CapValidateOptions = {}): Promise<CapValidation> {
  const prepared = prepareXml(xml);
  const maxBytes = options.maxBytes ?? CAP_MAX_BYTES;
  const guard = xmlGuardErrors(prepared, maxBytes);
  if (guard.length > 0) return { ok: false, errors: guard };

  const schema = await xmllintSchemaErrors(
    prepared,
    options.xsdPath ?? capSchemaPath(),
    options.timeoutMs ?? XMLLINT_TIMEOUT_MS,
    options.xmllint,
  );
  if (schema.length > 0) return { ok: false, errors: schema };

  let alert: CapAlert;
  try {
    alert = parseCapXml(prepared, { maxBytes });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CAP_INVALID') {
      return { ok: false, errors: (error.details as { errors: CapError[] }).errors };
    }
    throw error;
  }
  const semantics = checkCapSemantics(alert);
  return semantics.length > 0 ? { ok: false, errors: semantics } : { ok: true, alert };
}
