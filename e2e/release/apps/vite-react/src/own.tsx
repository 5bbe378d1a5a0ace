// A practice's own flow: its packs are served from /practice-packs/ (setBase), and its id
// is declared so that flow="practice-flow" type-checks.
import { setBase } from 'selfcheck-widget';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

declare module 'selfcheck-widget' {
  interface SelfCheckOwnFlows {
    'practice-flow': true;
  }
}

setBase('/practice-packs/');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App flow="practice-flow" />
  </StrictMode>,
);
