/**
 * Chinese names for the audit vocabulary the server writes today. Unknown values (from domains added later) are
 * shown as they are, so this list can lag behind without hiding anything.
 */
export const ACTION_NAMES: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.lock': '账号锁定',
  'auth.password_change': '修改密码',
  'auth.password_reset': '重置密码',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'area.update': '修改区划',
  'area.create_grid': '新建网格',
  'area.load_reference': '载入参考区划',
  'area.import_geometry': '导入边界',
  'area.demo_geometry': '生成示意范围',
};

export const ENTITY_NAMES: Record<string, string> = {
  area: '行政区划',
  user: '用户',
};

export function labelled(names: Record<string, string>): Array<{ value: string; label: string }> {
  return Object.entries(names).map(([value, name]) => ({ value, label: `${name}（${value}）` }));
}
