import type { Area } from '@yingji/contracts/areas.ts';
import { TreeSelect } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { findTreeNode, useLazyAreaTree } from './areaTree.ts';
import { useCurrentArea } from './currentArea.tsx';

interface LabeledCode {
  value: string;
  label?: ReactNode;
}

interface AreaTreeSelectProps {
  /** An area code; usable as an antd Form control (value/onChange). */
  value?: string;
  onChange?(code: string, area: Area): void;
  /** The name to show for a value whose branch is not loaded yet (e.g. the saved 当前区域, a user's scope). */
  valueLabel?: string;
  style?: CSSProperties;
  loading?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}

/**
 * Picks an area from the tree of the signed-in user's scope (loaded branch by branch), so nobody can pick an
 * area they are not responsible for.
 */
export function AreaTreeSelect({
  value,
  onChange,
  valueLabel,
  style,
  loading,
  placeholder = '选择区域',
  ...aria
}: AreaTreeSelectProps) {
  const { roots } = useCurrentArea();
  const { treeData, loadData } = useLazyAreaTree(roots);
  const known = value ? findTreeNode(treeData, value) : null;

  return (
    <TreeSelect<LabeledCode>
      style={style}
      loading={loading}
      // labelInValue: a value outside the loaded branches still shows its name rather than its code.
      labelInValue
      value={value ? { value, label: known?.title ?? valueLabel ?? value } : undefined}
      treeData={treeData}
      loadData={loadData}
      onChange={(selected: LabeledCode | null) => {
        const node = selected ? findTreeNode(treeData, selected.value) : null;
        if (node) onChange?.(node.value, node.area);
      }}
      treeDefaultExpandedKeys={roots.map((r) => r.code)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      {...aria}
    />
  );
}
