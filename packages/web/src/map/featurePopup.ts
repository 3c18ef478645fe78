import type { PopupContent } from './layers.ts';

/** The popup body, built from DOM nodes rather than an HTML string: names come from data and stay text. */
export function popupElement({ title, rows }: PopupContent): HTMLElement {
  const root = document.createElement('div');
  root.className = 'yingji-popup';
  root.dataset.testid = 'map-popup';
  const heading = document.createElement('div');
  heading.style.cssText = 'font-weight:600;font-size:14px;margin-bottom:6px;padding-right:16px';
  heading.textContent = title;
  root.append(heading);
  const table = document.createElement('table');
  table.style.cssText = 'border-collapse:collapse;font-size:12px';
  for (const { label, value } of rows) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.style.cssText = 'text-align:left;font-weight:normal;color:#666;padding:1px 8px 1px 0;white-space:nowrap';
    th.textContent = label;
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(th, td);
    table.append(tr);
  }
  root.append(table);
  return root;
}
