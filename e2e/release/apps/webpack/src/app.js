// The practice's own content, and a <self-check> with its static contacts, from a typed
// settings object (the package's SelfCheckAttributes: a misspelt setting or region is a
// type error).

/** @type {import('selfcheck-widget').SelfCheckAttributes} */
export const settings = {
  region: 'us',
  lang: 'en',
  flow: 'loved-one-rejects-help',
  'practice-name': 'Riverside Counselling',
  'practice-phone': '555 010 2000',
  'practice-url': 'https://example.org/contact',
};

/** @param {HTMLElement} root */
export function render(root) {
  const main = document.createElement('main');
  const h1 = Object.assign(document.createElement('h1'), { id: 'app-title', textContent: 'Riverside Counselling' });
  const p = Object.assign(document.createElement('p'), { id: 'app-text', textContent: 'Talk to us about someone you are worried about.' });
  /** @type {import('selfcheck-widget').SelfCheckElement} */
  const widget = document.createElement('self-check');
  for (const [name, value] of Object.entries(settings)) widget.setAttribute(name, value);
  const contacts = document.createElement('p');
  contacts.className = 'contacts';
  contacts.append('If someone is in danger now: call ', link('tel:911', '911'), ', or call or text ', link('tel:988', '988'), '.');
  widget.append(contacts);
  main.append(h1, p, widget);
  root.append(main);
  return document.querySelector('self-check');
}

/** @param {string} href @param {string} text */
function link(href, text) {
  return Object.assign(document.createElement('a'), { href, textContent: text });
}
