import 'selfcheck-widget';
import { render } from './app.js';

render(/** @type {HTMLElement} */ (document.getElementById('root')));
