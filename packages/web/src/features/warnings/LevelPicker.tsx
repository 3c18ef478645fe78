import { WARNING_LEVEL_NAMES, type WarningLevel } from '@yingji/contracts/warnings.ts';
import { Radio } from 'antd';
import { LEVEL_COLORS, LEVEL_TEXT_COLORS, LEVELS_HIGH_FIRST } from './labels.tsx';

/** 一级（红色）… 四级（蓝色）, highest first, each button in its signal colour once chosen. */
export function LevelPicker({ value, onChange }: { value?: WarningLevel; onChange?(level: WarningLevel): void }) {
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value as WarningLevel)}
      buttonStyle="solid"
      data-testid="warning-level"
    >
      {LEVELS_HIGH_FIRST.map((level) => {
        const chosen = value === level;
        return (
          <Radio.Button
            key={level}
            value={level}
            data-level={level}
            style={{
              background: chosen ? LEVEL_COLORS[level] : undefined,
              borderColor: LEVEL_COLORS[level],
              // Signal yellow does not read as text on white: a darker gold for the unchosen button.
              color: chosen ? LEVEL_TEXT_COLORS[level] : level === 'yellow' ? '#ad8b00' : LEVEL_COLORS[level],
              fontWeight: chosen ? 600 : undefined,
            }}
          >
            {WARNING_LEVEL_NAMES[level]}
          </Radio.Button>
        );
      })}
    </Radio.Group>
  );
}
