// 大喇叭 / 应急广播: pushes the warning's audio to loudspeaker controllers over HTTP.
//
// Our loudspeaker push protocol (what a controller, or a bridge in front of one, implements):
//   POST <endpoint URL>
//   Content-Type: audio/wav            body: the recording, 8 kHz mono 16-bit PCM WAV
//   X-Yingji-Delivery-Id: <delivery id>   (also Idempotency-Key: the same on every retry; play a repeated id once)
//   X-Yingji-Warning-Id: <warning id>
//   X-Yingji-Subject: <headline>       X-Yingji-Text: <full text>
//       both percent-encoded UTF-8 (decodeURIComponent), since HTTP header values are not UTF-8
//   X-Yingji-Audio-Seconds: <length of the recording, seconds>
// Answer 2xx once the audio is accepted for playing; 5xx (or 408/429) to have it pushed again later; other 4xx to
// refuse it for good.
import fs from 'node:fs/promises';
import type { Channel, OutboundMessage, SendOutcome } from './channel.ts';
import { ChannelUnavailableError, describeError, failed, type Attempt } from './channel.support.ts';
import { mapLimit, postMessage } from './http.post.ts';
import { AudioToolMissingError, synthesizeWarningAudio, wavSeconds, type SpeechOptions } from './tts.ts';

export interface BroadcastChannelOptions {
  /** Where audio made for messages that arrive without it is kept (and cached). */
  audioDir: string;
  speech?: SpeechOptions;
  timeoutMs?: number;
  /** Pushes in flight at once (default 8). */
  concurrency?: number;
}

interface Recording {
  wav: Uint8Array<ArrayBuffer>;
  seconds: number;
}

/** Header-safe form of Chinese text (see the protocol above); long texts are cut to stay within header limits. */
const headerText = (text: string) => encodeURIComponent(text.length > 1000 ? `${text.slice(0, 1000)}…` : text);

export class BroadcastChannel implements Channel {
  readonly kind = 'broadcast' as const;

  constructor(private readonly options: BroadcastChannelOptions) {}

  async send(batch: OutboundMessage[]): Promise<SendOutcome[]> {
    const recordings = new Map<string, Promise<Recording>>(); // one read (or synthesis) per audio in the batch
    const recordingOf = (message: OutboundMessage) => {
      const key = message.audio?.wavPath ?? `text:${message.text}`;
      let recording = recordings.get(key);
      if (!recording) {
        recording = this.recording(message);
        recording.catch(() => undefined); // awaited per message below
        recordings.set(key, recording);
      }
      return recording;
    };
    return mapLimit(batch, this.options.concurrency ?? 8, async (message): Promise<Attempt> => {
      if (!/^https?:\/\//.test(message.address)) return failed(message.id, `广播终端地址无效: ${message.address}`, false);
      let recording: Recording;
      try {
        recording = await recordingOf(message);
      } catch (error) {
        // Without espeak-ng/sox nothing on this channel can be sent: the channel is down until they are installed.
        if (error instanceof AudioToolMissingError) throw new ChannelUnavailableError('broadcast', error.message);
        return failed(message.id, `预警语音不可用: ${describeError(error)}`, true);
      }
      return postMessage(
        message.id,
        {
          url: message.address,
          timeoutMs: this.options.timeoutMs ?? 30_000,
          body: recording.wav,
          headers: {
            'Content-Type': 'audio/wav',
            'User-Agent': 'Yingji-Warnings/1',
            'X-Yingji-Delivery-Id': message.id,
            'Idempotency-Key': message.id,
            'X-Yingji-Warning-Id': message.warningId,
            'X-Yingji-Subject': headerText(message.subject),
            'X-Yingji-Text': headerText(message.text),
            'X-Yingji-Audio-Seconds': recording.seconds.toFixed(1),
          },
        },
        'sent',
      );
    });
  }

  /** The message's audio as given by the dispatcher, or made now from its text (cached by text). */
  private async recording(message: OutboundMessage): Promise<Recording> {
    const wavPath =
      message.audio?.wavPath ?? (await synthesizeWarningAudio(message.text, this.options.audioDir, this.options.speech)).wavPath;
    const [wav, seconds] = await Promise.all([fs.readFile(wavPath), wavSeconds(wavPath)]);
    return { wav: new Uint8Array(wav), seconds };
  }

  async close(): Promise<void> {}
}
