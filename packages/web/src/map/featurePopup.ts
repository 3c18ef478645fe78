import type { Permission } from '@yingji/contracts/permissions.ts';
import { errorMessage } from '../app/api.ts';
import type { PopupAction, PopupContent } from './layers.ts';

/** The popup body, built from DOM nodes rather than an HTML string: names come from data and stay text. */
export function popupElement({ title, rows, actions = [] }: PopupContent, may: (p: Permission) => boolean): HTMLElement {
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
  for (const action of actions.filter((a) => may(a.permission))) root.append(actionElement(action));
  return root;
}

/** An optional text field and a button; the result (or the server's refusal) is written under it. */
function actionElement(action: PopupAction): HTMLElement {
  const box = document.createElement('div');
  box.style.cssText = 'margin-top:8px;display:flex;flex-direction:column;gap:4px;font-size:12px';
  const input = action.input ? document.createElement('input') : null;
  if (input && action.input) {
    input.placeholder = action.input.placeholder;
    input.maxLength = 200;
    input.dataset.testid = 'map-popup-input';
    input.style.cssText = 'font-size:12px;padding:2px 6px;border:1px solid #d9d9d9;border-radius:4px';
    box.append(input);
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = action.label;
  button.dataset.testid = 'map-popup-action';
  const colour = action.danger ? '#cf1322' : '#1668dc';
  button.style.cssText = `font-size:12px;padding:3px 8px;border-radius:4px;cursor:pointer;border:1px solid ${colour};color:${colour};background:#fff`;
  const status = document.createElement('div');
  status.dataset.testid = 'map-popup-status';
  button.addEventListener('click', () => {
    const text = input?.value.trim() ?? '';
    if (action.input?.required && text === '') {
      status.style.color = '#cf1322';
      status.textContent = `请填写${action.input.placeholder}`;
      return;
    }
    button.disabled = true;
    status.style.color = '#666';
    status.textContent = '提交中…';
    action.run(text).then(
      () => {
        status.style.color = '#389e0d';
        status.textContent = '已完成';
      },
      (error: unknown) => {
        button.disabled = false;
        status.style.color = '#cf1322';
        status.textContent = errorMessage(error);
      },
    );
  });
  box.append(button, status);
  return box;
}
