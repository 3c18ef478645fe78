import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BroadcastChannel } from './broadcast.channel.ts';
import type { OutboundMessage } from './channel.ts';
import { ChannelUnavailableError } from './channel.support.ts';
import { startLoopbackReceiver, type LoopbackReceiver } from './http.loopback.ts';
import { synthesizeWarningAudio } from './tts.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-broadcast-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let receiver: LoopbackReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const TEXT = '地质灾害黄色预警：福堂镇、小三江镇地质灾害风险较高，请巡查隐患点，必要时转移群众。';
const push = (id: string, address: string, audio?: OutboundMessage['audio']): OutboundMessage => ({
  id,
  address,
  subject: '地质灾害黄色预警',
  text: TEXT,
  warningId: 'w-5',
  ...(audio ? { audio } : {}),
});

describe('大喇叭 audio push (loopback loudspeaker controllers)', () => {
  it('pushes the warning’s WAV with the delivery and warning ids and the text in headers', async () => {
    receiver = await startLoopbackReceiver();
    const audio = await synthesizeWarningAudio(TEXT, dir);
    const channel = new BroadcastChannel({ audioDir: dir });
    const outcomes = await channel.send([
      push('d-1', `${receiver.url}/town/futang`, audio),
      push('d-2', `${receiver.url}/town/xiaosanjiang`, audio),
    ]);
    expect(outcomes).toEqual([
      { id: 'd-1', state: 'sent' },
      { id: 'd-2', state: 'sent' },
    ]);
    const request = receiver.requests.find((r) => r.path === '/town/futang')!;
    expect(request.headers['content-type']).toBe('audio/wav');
    expect(request.headers['x-yingji-delivery-id']).toBe('d-1');
    expect(request.headers['idempotency-key']).toBe('d-1');
    expect(request.headers['x-yingji-warning-id']).toBe('w-5');
    expect(decodeURIComponent(String(request.headers['x-yingji-subject']))).toBe('地质灾害黄色预警');
    expect(decodeURIComponent(String(request.headers['x-yingji-text']))).toBe(TEXT);
    expect(Number(request.headers['x-yingji-audio-seconds'])).toBeCloseTo(audio.seconds, 1);
    expect(request.body.equals(fs.readFileSync(audio.wavPath))).toBe(true);
    expect(request.body.toString('ascii', 0, 4)).toBe('RIFF');
  });

  it('makes the audio from the text when the message comes without it', async () => {
    receiver = await startLoopbackReceiver();
    const audioDir = path.join(dir, 'made-here');
    const outcomes = await new BroadcastChannel({ audioDir }).send([push('d-1', receiver.url), push('d-2', receiver.url)]);
    expect(outcomes.map((o) => o.state)).toEqual(['sent', 'sent']);
    expect(fs.readdirSync(audioDir).sort()).toEqual([expect.stringMatching(/\.mp3$/), expect.stringMatching(/\.wav$/)]);
    expect(receiver.requests[0]!.body.length).toBeGreaterThan(8000 * 2 * 8); // > 8 s of 8 kHz 16-bit audio
  });

  it('retries 5xx and unreachable controllers, not 4xx', async () => {
    receiver = await startLoopbackReceiver();
    const channel = new BroadcastChannel({ audioDir: dir, concurrency: 1 });
    receiver.failNext(1, 502);
    expect(await channel.send([push('d-1', receiver.url)])).toMatchObject([{ state: 'failed', retryable: true }]);
    receiver.failNext(1, 400);
    expect(await channel.send([push('d-1', receiver.url)])).toMatchObject([{ state: 'failed', retryable: false }]);
    const downUrl = receiver.url;
    await receiver.close();
    receiver = undefined;
    const outcomes = await channel.send([push('d-1', downUrl)]);
    expect(outcomes).toMatchObject([{ state: 'failed', retryable: true, error: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('is down (throws) while the speech tools are missing', async () => {
    receiver = await startLoopbackReceiver();
    const channel = new BroadcastChannel({
      audioDir: path.join(dir, 'none'),
      speech: { tools: { espeak: '/nonexistent/espeak-ng' } },
    });
    await expect(channel.send([push('d-1', receiver.url)])).rejects.toBeInstanceOf(ChannelUnavailableError);
    expect(receiver.requests).toHaveLength(0);
  });
});
