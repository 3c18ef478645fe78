import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chineseCardinal, readNumbersAloud, speakablePinyin } from './tts.text.ts';
import { AudioToolMissingError, synthesizeWarningAudio, wavSeconds } from './tts.ts';

const WARNING =
  '【连山县应急管理局】暴雨红色预警：预计未来3小时永和镇、吉田镇将出现100毫米以上强降水，山洪风险极高，请立即转移危险区群众。';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-tts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('warning text read aloud', () => {
  it.each([
    [0, '零'],
    [10, '十'],
    [15, '十五'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1010, '一千零一十'],
    [20000, '二万'],
    [100001000, '一亿零一千'],
  ])('%i → %s', (n, words) => expect(chineseCardinal(n)).toBe(words));

  it('writes out quantities, decimals, years, times, percentages, ranges, units and phone numbers', () => {
    expect(readNumbersAloud('预计未来3小时降雨100毫米')).toBe('预计未来三小时降雨一百毫米');
    expect(readNumbersAloud('2026年7月1日14:30发布')).toBe('二零二六年七月一日十四点三十分发布');
    expect(readNumbersAloud('8:05起，18:00止')).toBe('八点零五分起，十八点整止');
    expect(readNumbersAloud('雨量50-80mm，水位12.5米，湿度95%，气温38℃')).toBe(
      '雨量五十到八十毫米，水位十二点五米，湿度百分之九十五，气温三十八摄氏度',
    );
    expect(readNumbersAloud('请拨打12350或0763-6612345，联系人13800138000')).toBe(
      '请拨打幺二三五零或零七六三六六幺二三四五，联系人幺三八零零幺三八零零零',
    );
  });

  it('gives numbered pinyin with neutral tone 5 and pauses at punctuation', () => {
    expect(speakablePinyin('【预警】暴雨来了！请转移。')).toBe('yu4 jing3, bao4 yu3 lai2 le5. qing3 zhuan3 yi2.');
    // Polyphones follow the context.
    expect(speakablePinyin('银行行动')).toBe('yin2 hang2 xing2 dong4');
  });

  it('is read by espeak-ng as Mandarin syllables with tones, not as English', () => {
    const phonemes = execFileSync('espeak-ng', ['-q', '-x', '-v', 'cmn-latn-pinyin', speakablePinyin(WARNING)], {
      encoding: 'utf8',
    });
    expect(phonemes).not.toContain('(en)');
    expect(phonemes).toContain("p'Au51"); // 暴 bao4, falling tone
    expect(phonemes).toMatch(/j'i5[15]_\| p'ai21/); // 一百 yi4 bai3
  });
});

describe('warning audio (espeak-ng, sox, lame)', () => {
  it('makes an 8 kHz mono WAV of plausible length and an MP3', async () => {
    const audio = await synthesizeWarningAudio(WARNING, dir);
    const info = execFileSync('soxi', [audio.wavPath], { encoding: 'utf8' });
    expect(info).toMatch(/Channels\s*: 1/);
    expect(info).toMatch(/Sample Rate\s*: 8000/);
    expect(info).toMatch(/Precision\s*: 16-bit/);
    // About 60 characters spoken: well over 8 s (and not minutes).
    expect(WARNING.length).toBeGreaterThan(60);
    expect(audio.seconds).toBeGreaterThan(8);
    expect(audio.seconds).toBeLessThan(60);
    expect(Number(execFileSync('soxi', ['-D', audio.wavPath], { encoding: 'utf8' }))).toBeCloseTo(audio.seconds, 1);
    const mp3Seconds = Number(execFileSync('soxi', ['-D', audio.mp3Path], { encoding: 'utf8' }));
    expect(mp3Seconds).toBeGreaterThan(8);
    // Not silence: the RMS amplitude of the speech is well above zero.
    const stat = spawnSync('sox', [audio.wavPath, '-n', 'stat'], { encoding: 'utf8' }).stderr; // sox prints stat there
    expect(Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(stat)?.[1])).toBeGreaterThan(0.02);
  });

  it('makes one warning’s audio once, also when asked twice at the same time', async () => {
    const text = '山洪灾害蓝色预警：请注意防范。';
    const [a, b] = await Promise.all([synthesizeWarningAudio(text, dir), synthesizeWarningAudio(text, dir)]);
    expect(b).toEqual(a);
    const made = fs.statSync(a.wavPath).mtimeMs;
    const again = await synthesizeWarningAudio(text, dir);
    expect(again).toEqual(a);
    expect(fs.statSync(again.wavPath).mtimeMs).toBe(made);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(await wavSeconds(a.wavPath)).toBe(a.seconds);
  });

  it('says clearly when espeak-ng is not installed', async () => {
    const error = await synthesizeWarningAudio('预警', dir, { tools: { espeak: '/nonexistent/espeak-ng' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AudioToolMissingError);
    expect((error as Error).message).toContain('espeak-ng');
    expect((error as Error).message).toContain('apt-get install');
  });
});
