import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from './logger.ts';

describe('log redaction', () => {
  it('hides passwords, tokens, cookies and phone numbers', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[已隐藏]' } }, sink);
    log.info(
      {
        password: 'Secret-2026',
        body: { newPassword: 'Other-2027', gridOfficerPhone: '13800138000' },
        phone: '13900139000',
        req: { headers: { cookie: 'yingji_session=abc' } },
      },
      'x',
    );
    const line = lines.join('');
    for (const secret of ['Secret-2026', 'Other-2027', '13800138000', '13900139000', 'yingji_session=abc'])
      expect(line).not.toContain(secret);
    expect(line).toContain('[已隐藏]');
  });
});
