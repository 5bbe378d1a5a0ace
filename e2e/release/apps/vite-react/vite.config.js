import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app with the widget (index.html); for the first-paint comparison, the same app
// without it (plain.html) and importing it after the app's first paint (lazy.html); and
// with a practice's own flow (own.html, setBase).
export default defineConfig({
  plugins: [react()],
  build: {
    rollupOptions: { input: { index: 'index.html', plain: 'plain.html', lazy: 'lazy.html', own: 'own.html' } },
  },
});
