// The same app importing the widget after its own first render (a code-split chunk), for
// the first-paint comparison: the types come from the package all the same.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
requestAnimationFrame(() => setTimeout(() => void import('selfcheck-widget')));
