// The same app without the widget's import, for the first-paint comparison.
import { render } from './app.js';

render(/** @type {HTMLElement} */ (document.getElementById('root')));
