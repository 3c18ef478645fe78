// 大喇叭 / 应急广播 audio of a warning: text → numbered pinyin (tts.text.ts) → espeak-ng `-v cmn-latn-pinyin` → sox to
// 8 kHz mono 16-bit WAV for loudspeaker and telephone lines, and lame to MP3 for the web app. One warning's audio is
// made once: files are named by a hash of the text and settings, written under temporary names and renamed when whole.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { speakablePinyin } from './tts.text.ts';

const run = promisify(execFile);

export interface WarningAudio {
  wavPath: string;
  mp3Path: string;
  /** Length of the recording. */
  seconds: number;
}

export interface SpeechOptions {
  /** Words per minute (espeak-ng -s); a little slower than the default 175 carries better over loudspeakers. */
  speed?: number;
  /** Each tool run is killed after this long (default 60 s). */
  timeoutMs?: number;
  /** Program paths, when not on PATH. */
  tools?: { espeak?: string; sox?: string; lame?: string };
}

/** A program the audio needs is not installed. */
export class AudioToolMissingError extends Error {
  override name = 'AudioToolMissingError';
  constructor(readonly tool: string) {
    super(`未找到 ${tool}，无法生成预警语音。请安装 Debian 软件包：apt-get install espeak-ng sox lame`);
  }
}

/** Bump when the pipeline changes what it produces, so cached audio is made again. */
const PIPELINE_VERSION = 1;
const inFlight = new Map<string, Promise<WarningAudio>>();

export function synthesizeWarningAudio(text: string, dir: string, options: SpeechOptions = {}): Promise<WarningAudio> {
  const speed = options.speed ?? 160;
  const key = createHash('sha256')
    .update(JSON.stringify({ v: PIPELINE_VERSION, speed, text }))
    .digest('hex')
    .slice(0, 32);
  const base = path.join(path.resolve(dir), `warning-${key}`);
  let pending = inFlight.get(base);
  if (!pending) {
    pending = cachedOrMade(text, base, speed, options).finally(() => inFlight.delete(base));
    inFlight.set(base, pending);
  }
  return pending;
}

async function cachedOrMade(text: string, base: string, speed: number, options: SpeechOptions): Promise<WarningAudio> {
  const wavPath = `${base}.wav`;
  const mp3Path = `${base}.mp3`;
  const cachedSeconds = await wavSeconds(wavPath).catch(() => undefined);
  if (cachedSeconds !== undefined && (await exists(mp3Path))) return { wavPath, mp3Path, seconds: cachedSeconds };

  const spoken = speakablePinyin(text);
  if (!spoken) throw new Error('预警文本没有可朗读的内容');
  await fs.mkdir(path.dirname(base), { recursive: true });
  const tmp = `${base}.${randomUUID()}.tmp`;
  const tool = (name: 'espeak' | 'sox' | 'lame', fallback: string) => options.tools?.[name] ?? fallback;
  const timeout = options.timeoutMs ?? 60_000;
  try {
    await fs.writeFile(`${tmp}.txt`, spoken, 'utf8');
    await runTool(
      tool('espeak', 'espeak-ng'),
      ['-v', 'cmn-latn-pinyin', '-s', String(speed), '-w', `${tmp}.voice.wav`, '-f', `${tmp}.txt`],
      timeout,
    );
    // Half a second of silence at both ends: loudspeaker amplifiers clip the first syllable otherwise.
    await runTool(
      tool('sox', 'sox'),
      [
        `${tmp}.voice.wav`,
        '-r',
        '8000',
        '-c',
        '1',
        '-b',
        '16',
        '-e',
        'signed-integer',
        `${tmp}.wav`,
        'gain',
        '-n',
        '-1',
        'pad',
        '0.5',
        '0.5',
      ],
      timeout,
    );
    await runTool(tool('lame', 'lame'), ['--quiet', '-m', 'm', '-b', '48', `${tmp}.voice.wav`, `${tmp}.mp3`], timeout);
    const seconds = await wavSeconds(`${tmp}.wav`);
    await fs.rename(`${tmp}.mp3`, mp3Path);
    await fs.rename(`${tmp}.wav`, wavPath); // last: a WAV present means the pair is complete
    return { wavPath, mp3Path, seconds };
  } finally {
    await Promise.all(['.txt', '.voice.wav', '.wav', '.mp3'].map((ext) => fs.rm(`${tmp}${ext}`, { force: true })));
  }
}

/** Runs a program without a shell, killed after the time-out; a missing program becomes AudioToolMissingError. */
async function runTool(program: string, args: string[], timeoutMs: number): Promise<void> {
  try {
    await run(program, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 });
  } catch (error) {
    const { code, killed, stderr } = error as { code?: string | number; killed?: boolean; stderr?: string };
    if (code === 'ENOENT') throw new AudioToolMissingError(path.basename(program));
    if (killed) throw new Error(`${path.basename(program)} 超时（${timeoutMs} ms）`, { cause: error });
    throw new Error(`${path.basename(program)} 失败: ${String(stderr ?? '').trim() || String(code)}`, { cause: error });
  }
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** Duration of a PCM WAV file from its header: the data chunk's size over the byte rate. */
export async function wavSeconds(file: string): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const header = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') {
      throw new Error(`${file} 不是 WAV 文件`);
    }
    let byteRate = 0;
    for (let offset = 12; offset + 8 <= bytesRead;) {
      const id = header.toString('ascii', offset, offset + 4);
      const size = header.readUInt32LE(offset + 4);
      if (id === 'fmt ') byteRate = header.readUInt32LE(offset + 16);
      if (id === 'data') {
        if (!byteRate) break;
        const dataSize = Math.min(size, (await handle.stat()).size - offset - 8);
        return dataSize / byteRate;
      }
      offset += 8 + size + (size % 2);
    }
    throw new Error(`${file} 的 WAV 头不完整`);
  } finally {
    await handle.close();
  }
}
