import { CheckCircleFilled } from '@ant-design/icons';
import { CONFIRM_ACTION_NAMES, CONFIRM_ACTIONS, type VillageCoverage } from '@yingji/contracts/warnings.ts';
import { Alert, Button, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { confirmVillage } from './warningsApi.ts';

type Action = (typeof CONFIRM_ACTIONS)[number];

/** What the village has confirmed so far, in one line. */
export function confirmationText(v: VillageCoverage): string {
  if (!v.confirmedAt) return '尚未落实';
  const actions = v.actions.map((a) => CONFIRM_ACTION_NAMES[a]).join('、');
  const moved = v.actions.includes('transfer') ? `，转移 ${v.transferred} 人` : '';
  return `${actions}${moved}（${v.confirmedBy ?? ''} ${formatInstant(v.confirmedAt).slice(5, 16)}）`;
}

/**
 * 落实确认 of one village: big toggle buttons (已传达 / 已巡查 / 已转移) that work with a thumb, the number of people
 * moved, a note. Confirming again replaces the earlier confirmation (the audit log keeps both).
 */
export function ConfirmForm({
  warningId,
  village,
  onConfirmed,
}: {
  warningId: string;
  village: VillageCoverage;
  onConfirmed(next: VillageCoverage): void;
}) {
  const [actions, setActions] = useState<Action[]>(village.actions);
  const [transferred, setTransferred] = useState<number>(village.transferred);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (action: Action) =>
    setActions((current) => (current.includes(action) ? current.filter((a) => a !== action) : [...current, action]));

  const submit = async () => {
    setError(null);
    if (actions.length === 0) return setError('请选择已落实的措施');
    setBusy(true);
    try {
      const next = await confirmVillage(warningId, {
        villageCode: village.villageCode,
        actions,
        transferred: actions.includes('transfer') ? transferred : 0,
        note: note.trim() || null,
      });
      onConfirmed(next);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}（${e.code}）` : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="confirm-form" data-village={village.villageCode} style={{ display: 'grid', gap: 10 }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
        {CONFIRM_ACTIONS.map((action) => {
          const on = actions.includes(action);
          return (
            <Button
              key={action}
              size="large"
              type={on ? 'primary' : 'default'}
              icon={on ? <CheckCircleFilled /> : undefined}
              onClick={() => toggle(action)}
              style={{ height: 56, fontSize: 17 }}
              aria-pressed={on}
              data-testid={`confirm-${action}`}
            >
              {CONFIRM_ACTION_NAMES[action]}
            </Button>
          );
        })}
      </div>
      {actions.includes('transfer') && (
        <label style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 16 }}>
          转移人数
          <InputNumber<number>
            size="large"
            min={0}
            max={1_000_000}
            precision={0}
            value={transferred}
            onChange={(n) => setTransferred(n ?? 0)}
            style={{ flex: 1 }}
            inputMode="numeric"
            data-testid="confirm-transferred"
          />
          人
        </label>
      )}
      <Input.TextArea
        rows={2}
        maxLength={500}
        placeholder="情况说明（可不填），如：已逐户通知沿河 12 户"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ fontSize: 16 }}
        data-testid="confirm-note"
      />
      {error && <Alert type="error" showIcon title={error} data-testid="confirm-error" />}
      <Button
        type="primary"
        size="large"
        block
        loading={busy}
        onClick={() => void submit()}
        style={{ height: 52, fontSize: 18 }}
        data-testid="confirm-submit"
      >
        {village.confirmedAt ? '重新确认落实' : '确认已落实'}
      </Button>
    </div>
  );
}
