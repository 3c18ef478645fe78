import dayjs, { type Dayjs } from 'dayjs';

/*
 * The composer's date pickers show Beijing time whatever zone the browser is set to. antd's pickers work in the
 * browser's zone, so they are handed the Beijing wall-clock time as a local value, and what is picked is read back
 * as Beijing wall-clock time (+08:00) and sent as a UTC instant.
 */

// Not app/format.ts's formatter, which is for reading: a picker value wants ISO order and hours 00–23 (h23).
const WALL_CLOCK = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A UTC instant as the Beijing wall-clock time, for a picker ("2026-11-26T14:00Z" → 22:00 that day). */
export function toPickerValue(iso: string): Dayjs {
  return dayjs(WALL_CLOCK.format(new Date(iso)).replace(' ', 'T'));
}

/** A picked Beijing wall-clock time as a UTC ISO instant. */
export function fromPickerValue(value: Dayjs): string {
  return new Date(`${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`).toISOString();
}

/** Now plus some hours, as a picker value (the default 失效时间). */
export function pickerValueIn(hours: number): Dayjs {
  return toPickerValue(new Date(Date.now() + hours * 3_600_000).toISOString());
}
