// The same app without the widget's import (the element stays undefined: its static
// contacts show), for the first-paint comparison.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
