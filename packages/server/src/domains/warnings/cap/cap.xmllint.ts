import type { CapError } from '@yingji/contracts/cap.ts';
import { CAP_NAMESPACE } from '@yingji/contracts/cap.ts';
import { spawn } from 'node:child_process';

/** xmllint checks a 1 MiB document in well under a second; far longer means something is wrong, so stop it. */
export const XMLLINT_TIMEOUT_MS = 10_000;
/** Enough to list every error of a badly broken document without holding an unbounded stderr in memory. */
const STDERR_LIMIT = 256 * 1024;
const MAX_ERRORS = 100;

/** xmllint could not run (not installed, or the schema itself unreadable): a fault of this server, not of the document. */
export class XmllintUnavailableError extends Error {
  override readonly name = 'XmllintUnavailableError';
}

const NS = `{${CAP_NAMESPACE}}`;

/** xmllint's messages, for the common cases, in Chinese; anything else is passed on with the namespace noise removed. */
function translate(raw: string): string {
  const message = raw.split(NS).join('');
  const schema = /^element \S+: Schemas validity error : Element '([^']+)': (.*)$/.exec(message);
  if (!schema) {
    const parser = /^parser error : (.*)$/.exec(message);
    return parser ? `不是格式正确的 XML：${parser[1]}` : message;
  }
  const element = schema[1]!;
  const detail = schema[2]!;
  let m: RegExpExecArray | null;
  if ((m = /^This element is not expected\. Expected is (?:one of )?\( (.*) \)\.$/.exec(detail))) {
    return `元素 <${element}> 不应出现在此处，此处应为 <${m[1]!.split(', ').join('> 或 <')}>`;
  }
  if ((m = /^Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.$/.exec(detail))) {
    return `元素 <${element}> 缺少子元素 <${m[1]!.split(', ').join('> 或 <')}>`;
  }
  if ((m = /^\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$/.exec(detail))) {
    return `元素 <${element}> 的值 '${m[1]}' 不在允许的取值中（${m[2]}）`;
  }
  if ((m = /^\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern/.exec(detail))) {
    return `元素 <${element}> 的值 '${m[1]}' 格式不对：应为 YYYY-MM-DDThh:mm:ss+08:00（须带时区偏移，不用 Z，不带小数秒）`;
  }
  if ((m = /^'(.*)' is not a valid value of the (?:local )?atomic type/.exec(detail))) {
    return `元素 <${element}> 的值 '${m[1]}' 不合法`;
  }
  return `元素 <${element}>：${detail}`;
}

/** The "-:LINE: message" lines of xmllint's report; the echoed source lines and carets after parser errors are skipped. */
function readReport(stderr: string): CapError[] {
  const errors: CapError[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^-:(\d+): (.*)$/.exec(line);
    if (m && errors.length < MAX_ERRORS) errors.push({ line: Number(m[1]), message: translate(m[2]!) });
  }
  return errors;
}

/**
 * Validates the document against the XSD with `xmllint --noout --nonet --schema <xsd> -`, the document on stdin, no
 * shell. Returns the violations (empty when valid). `--nonet` keeps xmllint off the network whatever the document
 * says; DTDs are refused before this runs (cap.guard.ts).
 */
export function xmllintSchemaErrors(
  xml: string,
  xsdPath: string,
  timeoutMs: number = XMLLINT_TIMEOUT_MS,
  program = 'xmllint',
): Promise<CapError[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['--noout', '--nonet', '--schema', xsdPath, '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk;
    });
    // xmllint may stop reading early (e.g. at the first fatal parser error); the exit status tells what happened.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new XmllintUnavailableError(
          error.code === 'ENOENT'
            ? 'xmllint 未安装（Debian: apt-get install libxml2-utils）'
            : `xmllint 无法运行：${error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (signal !== null) {
        resolve([{ message: `XSD 校验超时（超过 ${timeoutMs / 1000} 秒）或被中止，文档未被接受` }]);
      } else if (code === 0) {
        resolve([]);
      } else if (code === 1 || code === 3) {
        const errors = readReport(stderr);
        resolve(errors.length > 0 ? errors : [{ message: `XSD 校验未通过：${stderr.trim().slice(0, 500)}` }]);
      } else {
        reject(new XmllintUnavailableError(`xmllint 退出码 ${code}：${stderr.trim().slice(0, 500)}`));
      }
    });
    child.stdin.end(xml, 'utf8');
  });
}
