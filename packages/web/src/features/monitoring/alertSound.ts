import type { AlarmLevel } from '@yingji/contracts/monitoring.ts';

/*
 * The alarm tone, synthesised with the Web Audio API (no audio file to ship or cache). Browsers let a page make
 * sound only after the person has interacted with it: the context is created or resumed on the first click or key
 * press, and until then an alarm is shown without sound, quietly (the banner is what must not be missed).
 */

let context: AudioContext | null = null;
let armed = false;

function unlock(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') context.resume().catch(() => undefined);
  } catch {
    context = null; // no Web Audio in this browser: alarms stay silent
  }
}

/** Listens for the first gestures that allow sound. Idempotent. */
export function armAlertSound(): void {
  if (armed) return;
  armed = true;
  window.addEventListener('pointerdown', unlock, { capture: true, passive: true });
  window.addEventListener('keydown', unlock, { capture: true, passive: true });
}

/** Two-tone pulses: four fast ones for red, two slower ones for orange. */
const PATTERNS: Partial<Record<AlarmLevel, { hz: number; at: number }[]>> = {
  red: [
    { hz: 880, at: 0 },
    { hz: 660, at: 0.2 },
    { hz: 880, at: 0.4 },
    { hz: 660, at: 0.6 },
  ],
  orange: [
    { hz: 740, at: 0 },
    { hz: 740, at: 0.35 },
  ],
};
const PULSE_S = 0.17;
const VOLUME = 0.2;

/** How long to wait for a suspended context to start before giving up on this alarm's sound. */
const RESUME_WAIT_MS = 500;

function running(ctx: AudioContext): Promise<boolean> {
  if (ctx.state === 'running') return Promise.resolve(true);
  // resume() stays pending while the browser refuses sound: do not wait for it forever.
  return Promise.race([
    ctx.resume().then(
      () => ctx.state === 'running',
      () => false,
    ),
    new Promise<boolean>((resolve) => window.setTimeout(() => resolve(false), RESUME_WAIT_MS)),
  ]);
}

/** Plays the tone of a level; resolves false when the browser does not allow sound yet (or the level has none). */
export async function playAlertSound(level: AlarmLevel): Promise<boolean> {
  const pattern = PATTERNS[level];
  if (!pattern) return false;
  // The person may have clicked before this module listened (the login button): the page then has sticky activation.
  if (!context && navigator.userActivation?.hasBeenActive) unlock();
  const ctx = context;
  if (!ctx || !(await running(ctx))) return false;
  const start = ctx.currentTime + 0.02;
  for (const { hz, at } of pattern) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = hz;
    const t = start + at;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(VOLUME, t + 0.01);
    gain.gain.setValueAtTime(VOLUME, t + PULSE_S - 0.03);
    gain.gain.linearRampToValueAtTime(0, t + PULSE_S);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + PULSE_S);
  }
  return true;
}
