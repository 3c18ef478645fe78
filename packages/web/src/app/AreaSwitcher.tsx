import { AreaTreeSelect } from './AreaTreeSelect.tsx';
import { useCurrentArea } from './currentArea.tsx';

/** The header's 当前区域 picker: every page works within the area chosen here. */
export function AreaSwitcher() {
  const { area, setArea, loading } = useCurrentArea();
  return (
    <span data-testid="area-switcher" style={{ display: 'inline-block' }}>
      <AreaTreeSelect
        style={{ width: 240 }}
        loading={loading}
        value={area?.code}
        valueLabel={area?.name}
        onChange={(_code, picked) => setArea(picked)}
        aria-label="当前区域"
      />
    </span>
  );
}
