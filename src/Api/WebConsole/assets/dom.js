// Builds DOM nodes from data: text always goes in as text, never as markup.
const SVG = 'http://www.w3.org/2000/svg';
// Set as properties (a textarea's value has no attribute); everything else is an attribute.
const PROPERTIES = new Set(['value', 'checked', 'selected']);

function build(node, props, children) {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (name === 'text') node.textContent = value;
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (PROPERTIES.has(name) && node.namespaceURI !== SVG) node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h('a', {href: '/x'}, 'text', child). */
export const h = (tag, props, ...children) => build(document.createElement(tag), props, children);

/** An SVG element. */
export const s = (tag, props, ...children) => build(document.createElementNS(SVG, tag), props, children);

export function clear(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

export function time(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  return h('time', { datetime: iso, title: at.toISOString() }, at.toLocaleString());
}

export function number(value) {
  if (typeof value !== 'number') return String(value ?? '');
  return Number.isInteger(value) ? value.toLocaleString() : value.toLocaleString(undefined, { maximumFractionDigits: 4 });
}

export function badge(text, kind) {
  return h('span', { class: ['badge', kind && `badge-${kind}`] }, text);
}

/** A labelled field: its input, a hint and the place where the API's complaint about it goes. */
export function field(label, input, hint) {
  const id = input.id || (input.id = `f-${Math.random().toString(36).slice(2, 9)}`);
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  input.setAttribute('aria-describedby', [hintNode && `${id}-hint`, `${id}-error`].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': input.name || '' }, h('label', { for: id }, label), input, hintNode, error);
}

export function alertBox(kind, ...content) {
  return h('div', { class: `alert ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...content);
}

/** Copies to the clipboard where the page may; the text stays selectable either way. */
export function copyButton(text) {
  return h('button', { type: 'button', class: 'small', on: { click: () => navigator.clipboard?.writeText(text) } }, 'Copy');
}
