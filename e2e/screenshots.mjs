// Writes PNGs of the widget's screens into ../docs/screenshots/ (run by `cargo xtask
// screenshots` as `node e2e/screenshots.mjs`; also runnable from e2e/).
//
// Uses Debian's Chromium (/usr/bin/chromium) with the launch flags of playwright.config.mjs,
// against the release build in ../dist. If E2E_PORT is set, a server already listening on
// that port is used; otherwise `node server.mjs` is started on a free port and stopped at
// the end. Every request that leaves the test server is refused.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import config from './playwright.config.mjs';
import { fieldset, setLanguage } from './tests/helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(base, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${base}/index.html`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`no server at ${base} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startServer() {
  if (process.env.E2E_PORT) {
    const base = `http://127.0.0.1:${Number(process.env.E2E_PORT)}`;
    await waitForServer(base, 2_000);
    return { base, stop: () => {} };
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['server.mjs'], { cwd: here, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`server.mjs exited with ${code}`))));
  await Promise.race([waitForServer(base), exited]);
  return { base, stop: () => child.kill() };
}

// ---------------------------------------------------------------------------------------
// Driving the widget (language-neutral selectors)

async function openWidget(page, base, lang) {
  if (lang !== 'en') await setLanguage(page, lang);
  await page.goto(`${base}/index.html`);
  // The widget itself, not the page's pre-rendered first screen.
  await page.locator('[data-self-check].sc-mounted fieldset[data-question="danger"]').waitFor();
  if ((await page.locator('[data-self-check] .sc').getAttribute('lang')) !== lang) throw new Error(`widget is not in ${lang}`);
}

async function walk(page, path) {
  for (const [qid, ids] of path) {
    const fs = fieldset(page, qid);
    await fs.waitFor();
    for (const id of ids) await fs.locator(`input.sc-input[value="${id}"]`).check();
    await page.locator('form.sc-question button[type="submit"]').click();
  }
}

async function result(page, outcome) {
  const r = page.locator(`section.sc-result[data-outcome="${outcome}"]`);
  await r.waitFor();
  // The result heading takes focus; blur it so the shot shows the page, not a focus ring.
  await page.evaluate(() => document.activeElement?.blur());
}

const EMERGENCY = [['danger', ['harm-self']]];
const ORDINARY = [
  ['danger', ['no']], ['adult', ['yes']], ['check-danger', ['none']], ['home-safety', ['no']], ['emergency', ['no']], ['illness', ['no']],
  ['feelings', ['sad', 'frustrated']], ['coping', ['well']], ['offers', ['often']], ['personal', ['no']], ['reaction', ['declined']],
];

const DESKTOP = { viewport: { width: 800, height: 900 } };
const PHONE = { viewport: { width: 320, height: 640 } };

/** name → how to get there. Each runs in a fresh context. */
const SHOTS = [
  { file: 'question.png', ...DESKTOP, lang: 'en', scheme: 'light', go: async () => {} },
  { file: 'question-light.png', ...DESKTOP, lang: 'en', scheme: 'light', go: async () => {} },
  { file: 'question-dark.png', ...DESKTOP, lang: 'en', scheme: 'dark', go: async () => {} },
  { file: 'question-320.png', ...PHONE, lang: 'en', scheme: 'light', go: async () => {} },
  {
    // Forced colours, with keyboard focus on an answer and another answer selected.
    file: 'question-forced-colors.png', ...DESKTOP, lang: 'en', scheme: 'light', forcedColors: 'active',
    go: async (page) => {
      await walk(page, [['danger', ['no']]]);
      await fieldset(page, 'adult').waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
    },
  },
  { file: 'question-es.png', ...DESKTOP, lang: 'es', scheme: 'light', go: async () => {} },
  {
    file: 'error.png', ...DESKTOP, lang: 'en', scheme: 'light',
    go: async (page) => {
      await page.locator('form.sc-question button[type="submit"]').click();
      await page.locator('p.sc-error[role="alert"]').waitFor();
    },
  },
  { file: 'result-emergency-en.png', ...DESKTOP, lang: 'en', scheme: 'light', go: async (page) => { await walk(page, EMERGENCY); await result(page, 'get-help-now'); } },
  { file: 'result-emergency-es.png', ...DESKTOP, lang: 'es', scheme: 'light', go: async (page) => { await walk(page, EMERGENCY); await result(page, 'get-help-now'); } },
  { file: 'result-ordinary-en.png', ...DESKTOP, lang: 'en', scheme: 'light', go: async (page) => { await walk(page, ORDINARY); await result(page, 'ordinary'); } },
  { file: 'result-ordinary-es.png', ...DESKTOP, lang: 'es', scheme: 'light', go: async (page) => { await walk(page, ORDINARY); await result(page, 'ordinary'); } },
  { file: 'question-fr.png', ...DESKTOP, lang: 'fr', scheme: 'light', go: async () => {} },
  { file: 'warning-signs-en.png', ...DESKTOP, lang: 'en', scheme: 'light', go: async (page) => { await walk(page, [['danger', ['not-sure']], ['adult', ['yes']]]); await fieldset(page, 'check-danger').waitFor(); } },
];

async function main() {
  await mkdir(outDir, { recursive: true });
  const server = await startServer();
  const { executablePath, args } = config.use.launchOptions;
  const browser = await chromium.launch({ executablePath, args, headless: true });
  const origin = new URL(server.base).origin;
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        viewport: shot.viewport,
        deviceScaleFactor: 1,
        colorScheme: shot.scheme,
        forcedColors: shot.forcedColors || 'none',
        reducedMotion: 'reduce',
        serviceWorkers: 'block',
      });
      await context.route('**/*', (route) => {
        let same = false;
        try {
          same = new URL(route.request().url()).origin === origin;
        } catch {
          same = false;
        }
        return same ? route.continue() : route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      await openWidget(page, server.base, shot.lang);
      await shot.go(page);
      await page.screenshot({ path: `${outDir}${shot.file}`, fullPage: true, animations: 'disabled', caret: 'hide' });
      console.log(`wrote docs/screenshots/${shot.file}`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
