import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode } from '../errors.ts';

/** Fastify's own error codes for bad input, mapped onto the catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
};

function send(
  reply: Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[2],
  code: ErrorCode,
  details?: unknown,
  message?: string,
) {
  return reply
    .status(ERRORS[code].status)
    .send({ code, message: message ?? ERRORS[code].message, ...(details !== undefined && { details }) });
}

/**
 * The one root error handler: every failure leaves as `{code, message, details?}` with a stable code and a Chinese
 * message. Unknown errors are logged with their stack and leave as INTERNAL without it.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return send(reply, error.code, error.details, error.message);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        in: error.validationContext,
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: v.message,
      }));
      const summary = issues.map((i) => `${i.path || i.in}: ${i.message}`).join('；');
      return send(reply, 'VALIDATION_FAILED', { issues }, `${ERRORS.VALIDATION_FAILED.message}：${summary}`);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return send(reply, mapped);
    if (error.statusCode === 429) return send(reply, 'RATE_LIMITED');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.warn({ err: error }, 'client error without a catalogue code');
      return send(reply, 'VALIDATION_FAILED', undefined, `${ERRORS.VALIDATION_FAILED.message}：${error.message}`);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 'INTERNAL');
  });
}
