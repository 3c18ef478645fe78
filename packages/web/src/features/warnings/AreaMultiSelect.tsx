import { TreeSelect } from 'antd';
import type { ReactNode } from 'react';
import { useLazyAreaTree } from '../../app/areaTree.ts';
import { useCurrentArea } from '../../app/currentArea.tsx';

interface LabeledCode {
  value: string;
  label?: ReactNode;
}

/**
 * Several townships and villages of the user's scope, picked from the area tree (loaded branch by branch). Each pick
 * stands for itself: a township means all its villages, without ticking them one by one.
 */
export function AreaMultiSelect({
  value = [],
  onChange,
  nameOf,
}: {
  /** Area codes; usable as an antd Form control. */
  value?: string[];
  onChange?(codes: string[]): void;
  /** The name for a code whose branch is not loaded yet (a saved draft's villages). */
  nameOf(code: string): string;
}) {
  const { roots } = useCurrentArea();
  const { treeData, loadData } = useLazyAreaTree(roots);

  return (
    <TreeSelect<LabeledCode[]>
      multiple
      treeCheckable
      treeCheckStrictly
      labelInValue
      value={value.map((code) => ({ value: code, label: nameOf(code) }))}
      onChange={(selected) => onChange?.((selected ?? []).map((s) => s.value))}
      treeData={treeData}
      loadData={loadData}
      treeDefaultExpandedKeys={roots.map((r) => r.code)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder="选择乡镇（街道）、村（社区）"
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      data-testid="warning-areas"
    />
  );
}
