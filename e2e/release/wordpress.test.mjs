// The WordPress plugin on two real WordPress versions, in Chromium:
//
// - Debian's WordPress 6.1 (Twenty Twenty-One, a classic theme; MariaDB), on 127.0.0.1:4192;
// - WordPress 6.5.5 from the npm package @wp-playground/wordpress-builds (Twenty
//   Twenty-Four, a block theme; the SQLite database integration it ships), on 127.0.0.1:4193.
//
// Both are served by PHP's built-in server (Debian's php-cli) with WP_DEBUG on. On each: the
// plugin from release/selfcheck-wordpress-<version>.zip is activated on the Plugins screen;
// the settings page is saved as an admin would (nonce, sanitising); the Self-check block is
// inserted in the block editor, region gb and French picked in its sidebar (screenshots of
// the sidebar and the preview), and the page published; a visitor then gets the French
// first question with the UK numbers, reaches emergency help by keyboard, makes no request
// after the first question, and the theme's styles stay out. The shortcode pages still
// work (danger and ordinary walks). Any PHP warning, notice or error in the debug log
// fails. Before any site: php -l and the static checks Plugin Check would make
// (wordpress-static.mjs). Ends by uninstalling the plugin and checking its option is gone.
//
//   node e2e/release/wordpress.test.mjs           (after `cargo xtask release`; as root)
//   node e2e/release/wordpress.test.mjs --fresh   (new databases first: a cold run)
//   WP_SITES=6.1 node e2e/release/wordpress.test.mjs   (one site only)
//
// Installs what is missing: Debian's packages with apt-get, the playground builds with npm
// into ~/.cache/selfcheck-wp/ (pinned). Leaves MariaDB running if it was running before;
// otherwise stops the one it started.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { check, checked, launch, recordProblems, recordRequests, requireRelease, version, walkBoth, ROOT } from './common.mjs';
import { pluginCheck } from './wordpress-static.mjs';

const started = Date.now();
const timings = {};
const lap = (what, since) => (timings[what] = `${((Date.now() - since) / 1000).toFixed(1)} s`);
const fresh = process.argv.includes('--fresh');
const v = version();
const zip = requireRelease(`selfcheck-wordpress-${v}.zip`);
const WORK = '/tmp/selfcheck-wp';
const ADMIN = { user: 'admin', pass: 'selfcheck-test-admin-pw' };
const BUILDS = { pkg: '@wp-playground/wordpress-builds', version: '0.9.19', wp: '6.5' };
mkdirSync(WORK, { recursive: true });
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const wanted = (process.env.WP_SITES || '6.1,6.5').split(',');
console.log(`WordPress release test: ${zip.split('/').pop()}${fresh ? ' (fresh sites)' : ''}`);

// 1. Packages, installed only when missing.
let t = Date.now();
const PACKAGES = ['wordpress', 'wordpress-theme-twentytwentyone', 'mariadb-server', 'php-cli', 'php-mysql', 'php-sqlite3', 'unzip'];
const missing = PACKAGES.filter((p) => {
  try {
    return !/Status: install ok installed/.test(sh('dpkg', ['-s', p]));
  } catch {
    return true;
  }
});
if (missing.length) {
  console.log(`installing ${missing.join(' ')} (about 3 minutes cold)`);
  sh('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'inherit' });
}
lap('packages', t);
check(PACKAGES.every((p) => /install ok installed/.test(sh('dpkg', ['-s', p]))), `packages present: ${PACKAGES.join(', ')}`);

// 2. The plugin's files, from the zip: PHP lint and what Plugin Check would flag.
t = Date.now();
rmSync(`${WORK}/unzipped`, { recursive: true, force: true });
sh('unzip', ['-q', zip, '-d', `${WORK}/unzipped`]);
const unzipped = `${WORK}/unzipped/selfcheck`;
for (const f of ['selfcheck.php', 'uninstall.php', 'build-info.php', 'block/render.php', 'block/index.asset.php']) {
  const out = sh('php', ['-l', `${unzipped}/${f}`]);
  check(/No syntax errors/.test(out), `php -l ${f}`);
}
sh('node', ['--check', `${unzipped}/block/index.js`]);
check(true, 'node --check block/index.js (a plain script, no build step)');
const header = readFileSync(`${unzipped}/selfcheck.php`, 'utf8');
check(header.includes(`Version:           ${v}`) && header.includes(`'SELFCHECK_VERSION', '${v}'`), `plugin header and constant say ${v}`);
const problems = pluginCheck(unzipped, { version: v, testedUpTo: '6.5' });
check(problems.length === 0, `Plugin Check's rules: direct access, escaping, headers, licences, readme (Tested up to 6.5, Source and build, changelog), .pot`, problems.join('\n'));
const buildInfo = readFileSync(`${unzipped}/build-info.php`, 'utf8');
check(/'default_flow' => 'loved-one-rejects-help'/.test(buildInfo) && /'uk' => array\(\s*\n\s*'aliases' => array\( 'gb' \)/.test(buildInfo), 'build-info.php: the build\'s flows, languages and regions (gb → uk)');
lap('static checks', t);

// 3. The two sites.
const SITES = {
  '6.1': {
    name: 'WordPress 6.1 (Debian, MariaDB, Twenty Twenty-One)',
    port: Number(process.env.WP_PORT || 4192),
    docroot: '/usr/share/wordpress',
    content: '/var/lib/wordpress/wp-content',
    theme: 'twentytwentyone',
    prepare: prepareDebian,
  },
  '6.5': {
    name: `WordPress 6.5.5 (${BUILDS.pkg}@${BUILDS.version}, SQLite, Twenty Twenty-Four)`,
    port: Number(process.env.WP_PORT_65 || 4193),
    docroot: `${WORK}/wp-6.5/site`,
    content: `${WORK}/wp-6.5/site/wp-content`,
    theme: 'twentytwentyfour',
    prepare: preparePlayground,
  },
};

let startedDb = null;
const servers = [];
const stop = () => {
  for (const s of servers) {
    try {
      s.kill('SIGTERM');
    } catch {}
  }
  if (startedDb) {
    try {
      sh('mysqladmin', ['-uroot', 'shutdown']);
    } catch {}
    startedDb = null;
  }
};
process.on('exit', stop);

const debugConfig = (site) => `define('WP_HOME', 'http://127.0.0.1:${site.port}');
define('WP_SITEURL', 'http://127.0.0.1:${site.port}');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${site.log}');
`;

/** Debian's WordPress: MariaDB, the database, /etc/wordpress/config-127.0.0.1.php. */
async function prepareDebian(site) {
  const ping = () => {
    try {
      sh('mysqladmin', ['ping', '--silent']);
      return true;
    } catch {
      return false;
    }
  };
  if (!ping()) {
    const db = spawn('mysqld_safe', [], { detached: true, stdio: 'ignore' });
    db.unref();
    startedDb = db;
    for (let i = 0; i < 100 && !ping(); i++) await sleep(200);
  }
  check(ping(), 'MariaDB answers');
  const DB = 'selfcheck_wp';
  const sql = (q) => sh('mysql', ['-uroot', '-e', q]);
  if (fresh) sql(`DROP DATABASE IF EXISTS ${DB}`);
  sql(`CREATE DATABASE IF NOT EXISTS ${DB}; CREATE USER IF NOT EXISTS 'selfcheck'@'localhost' IDENTIFIED BY 'selfcheck-db'; GRANT ALL ON ${DB}.* TO 'selfcheck'@'localhost'; FLUSH PRIVILEGES;`);
  writeFileSync(
    '/etc/wordpress/config-127.0.0.1.php',
    `<?php
define('DB_NAME', '${DB}');
define('DB_USER', 'selfcheck');
define('DB_PASSWORD', 'selfcheck-db');
define('DB_HOST', 'localhost');
define('WP_CONTENT_DIR', '${site.content}');
${debugConfig(site)}`,
  );
}

/** WordPress 6.5.5 from the playground builds: its zip, its static files, SQLite. */
async function preparePlayground(site) {
  const cache = `${process.env.XDG_CACHE_HOME || `${homedir()}/.cache`}/selfcheck-wp/wordpress-builds-${BUILDS.version}`;
  const pkg = `${cache}/node_modules/${BUILDS.pkg}`;
  if (!existsSync(`${pkg}/package.json`) || JSON.parse(readFileSync(`${pkg}/package.json`, 'utf8')).version !== BUILDS.version) {
    console.log(`installing ${BUILDS.pkg}@${BUILDS.version} into ${cache} (about 160 MB, once)`);
    mkdirSync(cache, { recursive: true });
    writeFileSync(`${cache}/package.json`, '{"private":true}\n');
    sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `${BUILDS.pkg}@${BUILDS.version}`], { cwd: cache, stdio: 'inherit' });
  }
  const root = `${WORK}/wp-6.5`;
  const versionFile = `${site.docroot}/wp-includes/version.php`;
  if (!existsSync(versionFile) || !readFileSync(versionFile, 'utf8').includes(`'6.5.5'`) || fresh) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(site.docroot, { recursive: true });
    sh('unzip', ['-q', '-o', `${pkg}/src/wordpress/wp-${BUILDS.wp}.zip`, '-d', site.docroot]);
    // The zip leaves out the static files (CSS, JS, images) the package keeps in public/.
    cpSync(`${pkg}/public/wp-${BUILDS.wp}`, site.docroot, { recursive: true });
    sh('unzip', ['-q', '-o', `${pkg}/src/sqlite-database-integration/sqlite-database-integration.zip`, '-d', `${root}/sqlite`]);
    cpSync(`${root}/sqlite/sqlite-database-integration-main`, `${site.content}/plugins/sqlite-database-integration`, { recursive: true });
    const dropin = readFileSync(`${site.content}/plugins/sqlite-database-integration/db.copy`, 'utf8')
      .replaceAll('{SQLITE_IMPLEMENTATION_FOLDER_PATH}', `${site.content}/plugins/sqlite-database-integration`)
      .replaceAll('{SQLITE_PLUGIN}', 'sqlite-database-integration/load.php');
    writeFileSync(`${site.content}/db.php`, dropin);
  }
  check(readFileSync(versionFile, 'utf8').includes(`$wp_version = '6.5.5'`), `${BUILDS.pkg}@${BUILDS.version} ships WordPress 6.5.5`);
  mkdirSync(`${site.content}/database`, { recursive: true });
  const salt = 'selfcheck-test-not-secret';
  writeFileSync(
    `${site.docroot}/wp-config.php`,
    `<?php
define('DB_NAME', 'selfcheck');
define('DB_USER', '');
define('DB_PASSWORD', '');
define('DB_HOST', '');
define('DB_CHARSET', 'utf8');
define('DB_COLLATE', '');
define('DB_DIR', '${site.content}/database/');
define('DB_FILE', '.ht.sqlite');
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => `define('${k}', '${salt}-${k}');`).join('\n')}
$table_prefix = 'wp_';
${debugConfig(site)}
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`,
  );
}

/** Whether nothing listens on the port yet (another suite's server would answer instead). */
const portFree = (port) =>
  new Promise((resolve) => {
    const probe = createServer().once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** PHP's server with a router: wp-content where Debian keeps it, and a bare page. */
async function serve(site) {
  check(await portFree(site.port), `${site.key}: port ${site.port} is free (WP_PORT / WP_PORT_65 choose others)`);
  const types = "array('js' => 'text/javascript; charset=utf-8', 'css' => 'text/css; charset=utf-8', 'wasm' => 'application/wasm', 'pack' => 'application/octet-stream', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg', 'woff2' => 'font/woff2', 'woff' => 'font/woff', 'ttf' => 'font/ttf', 'html' => 'text/html; charset=utf-8', 'json' => 'application/json')";
  writeFileSync(
    `${site.work}/router.php`,
    `<?php
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$types = ${types};
if ($path === '/__bare.html') {
  $lang = (isset($_GET['lang']) && $_GET['lang'] === 'fr') ? 'fr' : 'en';
  header('Content-Type: text/html; charset=utf-8');
  echo '<!doctype html><html lang="' . $lang . '"><head><meta charset="utf-8"><title>bare</title><script type="module" src="/wp-content/plugins/selfcheck/assets/selfcheck.js"></script></head><body><self-check region="gb" lang="' . $lang . '" practice-name="Riverside Counselling"><p>call <a href="tel:999">999</a></p></self-check></body></html>';
  return true;
}
if (strpos($path, '/wp-content/') === 0) {
  // Debian links the packaged themes into wp-content: no realpath check, but no "..".
  $file = '${site.content}' . substr($path, strlen('/wp-content'));
  $ext = strtolower(pathinfo($file, PATHINFO_EXTENSION));
  if (strpos($path, '..') === false && is_file($file) && isset($types[$ext])) {
    header('Content-Type: ' . $types[$ext]);
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
  }
  http_response_code(404);
  return true;
}
if ($path !== '/' && is_file('${site.docroot}' . $path) && substr($path, -4) !== '.php') {
  $ext = strtolower(pathinfo($path, PATHINFO_EXTENSION));
  if (isset($types[$ext])) {
    header('Content-Type: ' . $types[$ext]);
  }
  return false;
}
return false;
`,
  );
  const php = spawn('php', ['-S', `127.0.0.1:${site.port}`, '-t', site.docroot, `${site.work}/router.php`], { stdio: ['ignore', 'ignore', 'pipe'] });
  servers.push(php);
  site.phpLog = [];
  php.stderr.on('data', (d) => site.phpLog.push(String(d)));
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`${site.origin}/wp-login.php`);
      return;
    } catch {
      await sleep(100);
    }
  }
}

/** php-cli on the site's wp-load.php; prints JSON. */
function wpCli(site, name, body) {
  writeFileSync(
    `${site.work}/${name}.php`,
    `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '${site.docroot}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
${body}
`,
  );
  return JSON.parse(sh('php', [`${site.work}/${name}.php`]));
}

async function login(context, site) {
  const a = await context.newPage();
  await a.goto(`${site.origin}/wp-login.php`);
  await a.fill('#user_login', ADMIN.user);
  await a.fill('#user_pass', ADMIN.pass);
  await Promise.all([a.waitForNavigation(), a.click('#wp-submit')]);
  return a;
}

/** The block editor's canvas: an iframe on 6.5 (every block is apiVersion 3), the page on 6.1. */
async function canvasOf(page) {
  await page.waitForSelector('.edit-post-visual-editor, .editor-visual-editor', { timeout: 60_000 });
  return (await page.locator('iframe[name="editor-canvas"]').count()) ? page.frameLocator('iframe[name="editor-canvas"]') : page;
}

/** Inserts the block, picks gb and French in the sidebar, publishes; returns the page id. */
async function blockEditor(site, a) {
  await a.setViewportSize({ width: 1400, height: 1000 });
  const renders = [];
  a.on('response', async (r) => {
    if (/block-renderer/.test(decodeURIComponent(r.url()))) renders.push(`${r.status()} ${decodeURIComponent(r.url()).replace(/^.*block-renderer/, '')} ${(await r.text().catch(() => '')).slice(0, 200)}`);
  });
  await a.goto(`${site.origin}/wp-admin/post-new.php?post_type=page`);
  await a.waitForFunction(() => window.wp?.data?.select('core/editor')?.getCurrentPostId?.(), null, { timeout: 60_000 });
  // The welcome guide, closed as a returning editor would have it.
  await a.evaluate(() => {
    const prefs = wp.data.dispatch('core/preferences');
    if (prefs?.set) prefs.set('core/edit-post', 'welcomeGuide', false);
    const ep = wp.data.select('core/edit-post');
    if (ep?.isFeatureActive?.('welcomeGuide')) wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
    wp.data.dispatch('core/editor').editPost({ title: 'Self-check (block)' });
  });
  const canvas = await canvasOf(a);
  const guide = a.locator('.edit-post-welcome-guide, .components-guide');
  if (await guide.count()) await a.keyboard.press('Escape');
  check(await a.evaluate(() => !!wp.blocks.getBlockType('selfcheck/self-check')), `${site.key}: the block selfcheck/self-check is registered in the editor`);

  // The inserter, as an editor uses it: search "Self-check", pick it.
  await a.getByRole('button', { name: /Toggle block inserter|Block Inserter/i }).first().click();
  const search = a.getByRole('searchbox').or(a.getByPlaceholder(/Search/)).first();
  await search.fill('Self-check');
  await a.getByRole('option', { name: /Self-check/ }).first().click();
  check(await a.evaluate(() => wp.data.select('core/block-editor').getBlocks().some((b) => b.name === 'selfcheck/self-check')), `${site.key}: the block inserted from the inserter`);

  // The sidebar: the block's settings (the block is selected after insertion).
  const sidebar = a.locator('.block-editor-block-inspector');
  if (!(await sidebar.isVisible())) await a.locator('.edit-post-header, .editor-header').getByRole('button', { name: 'Settings', exact: true }).click();
  await sidebar.waitFor({ state: 'visible' });
  const flowOptions = await sidebar.getByLabel('Flow').locator('option').allInnerTexts();
  check(flowOptions.some((o) => /When someone you love turns down your help/.test(o)) && flowOptions.some((o) => /PHQ-9/.test(o)) && flowOptions.some((o) => /riverside-gad \(your own pack\)/.test(o)), `${site.key}: the flow list is the build's, and the own flow (${flowOptions.length - 1} flows)`, flowOptions.join(' | '));
  const regionOptions = await sidebar.getByLabel('Region').locator('option').evaluateAll((os) => os.map((o) => o.value));
  check(regionOptions.includes('uk') && regionOptions.includes('us') && regionOptions.length >= 10, `${site.key}: the region list is the directory's (${regionOptions.length - 1} regions)`);
  const preview = canvas.locator('.selfcheck-block-preview');
  const shows = (what) =>
    what.waitFor({ state: 'visible', timeout: 30_000 }).catch((e) => {
      console.error(`block renders:\n${renders.join('\n')}`);
      throw e;
    });
  await sidebar.getByLabel('Region').selectOption('uk');
  await shows(preview.locator('a[href="tel:116123"]'));
  const langOptions = await sidebar.getByLabel('Language').locator('option').evaluateAll((os) => os.map((o) => o.value));
  check(['en', 'es', 'fr'].every((l) => langOptions.includes(l)), `${site.key}: the default flow's languages: ${langOptions.filter(Boolean).join(', ')}`);
  await sidebar.getByLabel('Language').selectOption('fr');

  // The preview: the crisis strip of the UK in French, as the server renders it.
  await shows(preview.getByText(/Si une personne est en danger/));
  await sidebar.getByLabel('Practice name').fill('Cabinet Riverside');
  const previewText = await preview.innerText();
  check(/Si une personne est en danger/.test(previewText) && (await preview.locator('a[href="tel:999"]').count()) === 1 && (await preview.locator('a[href="tel:116123"]').count()) === 1, `${site.key}: the editor preview shows the UK crisis strip in French`, previewText);
  await a.screenshot({ path: `/tmp/selfcheck-wp-${site.key}-editor.png` });
  await preview.screenshot({ path: `/tmp/selfcheck-wp-${site.key}-preview.png` });
  await sidebar.screenshot({ path: `/tmp/selfcheck-wp-${site.key}-sidebar.png` });
  check(true, `${site.key}: screenshots /tmp/selfcheck-wp-${site.key}-{editor,sidebar,preview}.png`);

  // Publish (and confirm in the pre-publish panel).
  await a.locator('.editor-post-publish-panel__toggle, .editor-post-publish-button__button').first().click();
  await a.locator('.editor-post-publish-panel .editor-post-publish-button, .editor-post-publish-panel__header-publish-button button').first().click();
  await a.waitForFunction(() => wp.data.select('core/editor').getCurrentPostAttribute('status') === 'publish' && !wp.data.select('core/editor').isSavingPost(), null, { timeout: 30_000 });
  const saved = await a.evaluate(() => ({ id: wp.data.select('core/editor').getCurrentPostId(), content: wp.data.select('core/editor').getEditedPostContent() }));
  check(/<!-- wp:selfcheck\/self-check \{"lang":"fr","region":"uk","practiceName":"Cabinet Riverside"\} \/-->|<!-- wp:selfcheck\/self-check \{[^}]*"region":"uk"[^}]*\} \/-->/.test(saved.content) && /"lang":"fr"/.test(saved.content), `${site.key}: published; the page holds the block with its settings`, saved.content);
  return saved.id;
}

/** The visitor on the block's page: French, UK numbers, emergency help by keyboard. */
async function visitBlock(site, browser, id) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const log = await recordRequests(context, site.origin);
  const page = await context.newPage();
  const problems = await recordProblems(page);
  const html = await (await page.goto(`${site.origin}/?page_id=${id}`)).text();
  const src = `${site.origin.replace(/[.]/g, '\\.')}/wp-content/plugins/selfcheck/assets/selfcheck\\.js\\?ver=${v.replace(/[.]/g, '\\.')}`;
  // data-packs: the practice's own packs folder (uploads/selfcheck/ holds one here).
  const packs = ` data-packs="${site.origin.replace(/[.]/g, '\\.')}/wp-content/uploads/selfcheck/"`;
  const tag = new RegExp(`<script type="module" src="${src}" id="selfcheck-js${site.key === '6.1' ? '' : '-module'}"${packs}></script>`);
  check(tag.test(html), `${site.key}: loader as a module with ?ver=${v} and data-packs (${site.key === '6.1' ? 'wp_enqueue_script + type="module"' : 'wp_enqueue_script_module'})`, html.match(/<script[^>]*selfcheck\.js[^>]*>/)?.[0]);
  check((html.match(/selfcheck\.js/g) || []).length === 1, `${site.key}: loader included once`);
  check(/<div class="wp-block-selfcheck-self-check[^"]*"><self-check region="uk" lang="fr" practice-name="Cabinet Riverside"[^>]*><p class="sc-crisis-line"><strong>Si une personne est en danger/.test(html), `${site.key}: the block renders <self-check> with the static strip in French`, html.match(/<div class="wp-block-selfcheck[\s\S]*?<\/self-check>/)?.[0]);
  const el = page.locator('self-check');
  const first = el.locator('fieldset[data-question="danger"]');
  const t0 = Date.now();
  await first.waitFor({ state: 'visible', timeout: 20_000 });
  timings[`${site.key} first question (block page)`] = `${Date.now() - t0} ms`;
  const legend = await first.locator('legend').innerText();
  check(/quelqu.un est-il en danger/.test(legend), `${site.key}: the first question in French`, legend);
  check((await el.locator('.sc-crisis a[href="tel:999"]').count()) > 0 && (await el.locator('.sc-crisis a[href="tel:116123"]').count()) > 0, `${site.key}: UK numbers in the crisis strip (999, 116 123)`);
  log.setMark();

  // The danger path by keyboard: focus the answer, Space, Tab to Continue, Enter.
  await el.locator('input[value="harm-self"]').focus();
  await page.keyboard.press('Space');
  let onContinue = false;
  for (let i = 0; i < 30 && !onContinue; i++) {
    await page.keyboard.press('Tab');
    onContinue = await page.evaluate(() => {
      let e = document.activeElement;
      while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
      return e?.tagName === 'BUTTON' && /Continuer/.test(e.textContent);
    });
  }
  check(onContinue, `${site.key}: Tab reaches "Continuer"`);
  await page.keyboard.press('Enter');
  const result = el.locator('section.sc-result');
  await result.waitFor({ state: 'visible' });
  check((await result.getAttribute('data-outcome')) === 'get-help-now', `${site.key}: danger answer by keyboard → emergency help (get-help-now)`);
  const focused = await page.evaluate(() => {
    let e = document.activeElement;
    while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
    return e ? `${e.tagName.toLowerCase()}.${e.className}` : 'none';
  });
  check(/^h2\..*sc-result-heading/.test(focused), `${site.key}: focus on the result heading`, focused);
  check((await result.locator('a[href="tel:999"]').count()) > 0, `${site.key}: the result offers 999`);
  await page.waitForTimeout(500);
  check(log.since().length === 0, `${site.key}: no request after the first question`, log.since().join('\n'));

  // The theme's CSS stays out: the widget's computed styles equal those on a bare page.
  await page.reload();
  await first.waitFor({ state: 'visible', timeout: 20_000 });
  const themed = await styles(page);
  const bareCtx = await browser.newContext();
  const bare = await bareCtx.newPage();
  await bare.goto(`${site.origin}/__bare.html?lang=fr`);
  await bare.locator('self-check fieldset[data-question="danger"]').waitFor({ state: 'visible', timeout: 20_000 });
  const plain = await styles(bare);
  await bareCtx.close();
  const diff = themed.filter((s, i) => s !== plain[i]);
  check(themed.length > 10 && themed.length === plain.length && diff.length === 0, `${site.key}: theme CSS does not leak in: ${themed.length} elements styled as on a bare page`, diff.slice(0, 5).join('\n'));
  const themeFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  check(!themed[0].includes(themeFont), `${site.key}: the widget does not take the theme's font (${themeFont.slice(0, 40)}…)`);
  check(log.offOrigin.length === 0, `${site.key}: no off-origin request`, log.offOrigin.join('\n'));
  check(problems.length === 0, `${site.key}: no console error, page error or CSP violation`, problems.join('\n'));
  check((await context.cookies()).length === 0, `${site.key}: no cookie for the visitor`);
  await context.close();
}

const styles = (p) =>
  p.evaluate(() => {
    const root = document.querySelector('self-check').shadowRoot.querySelector('.sc');
    return [root, ...root.querySelectorAll('legend, label, input, button, a, p, select, h2')].map((e) => {
      const cs = getComputedStyle(e);
      return `${e.tagName}.${e.className} ${cs.fontFamily} ${cs.fontSize} ${cs.fontWeight} ${cs.lineHeight} ${cs.color} ${cs.backgroundColor} ${cs.textTransform} ${cs.letterSpacing} ${cs.borderTopWidth} ${cs.borderTopStyle}`;
    });
  });

async function runSite(key, browser) {
  const site = { key, ...SITES[key] };
  site.origin = `http://127.0.0.1:${site.port}`;
  site.work = `${WORK}/site-${key}`;
  site.log = `${site.work}/debug.log`;
  mkdirSync(site.work, { recursive: true });
  console.log(`\n── ${site.name} on ${site.origin} ──`);
  let t = Date.now();
  await site.prepare(site);
  // The sites have no network: core's update checks would log a warning on each admin
  // page (WP_HTTP_BLOCK_EXTERNAL). A must-use plugin of the test turns them off, so that
  // every warning left in the log is a real one.
  mkdirSync(`${site.content}/mu-plugins`, { recursive: true });
  writeFileSync(
    `${site.content}/mu-plugins/selfcheck-test-offline.php`,
    `<?php
// The release test's sites are offline: no update checks, no remote patterns.
foreach (array('_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes', 'wp_maybe_auto_update') as $f) { remove_action('admin_init', $f); }
foreach (array('wp_version_check', 'wp_update_plugins', 'wp_update_themes') as $f) { remove_action($f, $f); }
foreach (array('load-plugins.php', 'load-update.php', 'load-update-core.php') as $h) { remove_action($h, 'wp_update_plugins'); }
foreach (array('load-themes.php', 'load-update.php', 'load-update-core.php') as $h) { remove_action($h, 'wp_update_themes'); }
add_filter('should_load_remote_block_patterns', '__return_false');
`,
  );
  rmSync(site.log, { force: true });
  await serve(site);
  lap(`${key} site up`, t);

  // WordPress's own installer, one POST (skipped when the site is installed).
  t = Date.now();
  const installed = (await (await fetch(`${site.origin}/wp-admin/install.php`)).text()).includes('Already Installed');
  if (!installed) {
    const body = new URLSearchParams({ weblog_title: 'Riverside Counselling', user_name: ADMIN.user, admin_password: ADMIN.pass, admin_password2: ADMIN.pass, pw_weak: '1', admin_email: 'admin@example.org', blog_public: '0', language: '' });
    const r = await fetch(`${site.origin}/wp-admin/install.php?step=2`, { method: 'POST', body });
    check(/Success!/.test(await r.text()), `${key}: WordPress installed (install.php?step=2)`);
  } else {
    check(true, `${key}: WordPress already installed (warm run)`);
  }
  // From here on the log is the plugin's lifetime: Debian's installer logs warnings of its
  // own (undefined $upload_path, an update check) on a fresh site.
  rmSync(site.log, { force: true });
  const wpVersion = wpCli(site, 'version', 'echo json_encode($GLOBALS["wp_version"]);');
  check(wpVersion.startsWith(key), `${key}: WordPress ${wpVersion}`);
  lap(`${key} install`, t);

  // The plugin from the release zip (inactive), the theme, the shortcode pages.
  t = Date.now();
  rmSync(`${site.content}/plugins/selfcheck`, { recursive: true, force: true });
  wpCli(site, 'reset', `deactivate_plugins('selfcheck/selfcheck.php', true); delete_option('selfcheck_settings'); echo 'null';`);
  sh('unzip', ['-q', zip, '-d', `${site.content}/plugins`]);
  // A practice's own flow, kept in uploads/selfcheck/ (a copy of a build's pack under a
  // name the build does not have, as `selfcheck pack` would write one). Updates replace the
  // plugin's folder, not this one; the plugin passes it to the loader as data-packs.
  const own = `${site.content}/uploads/selfcheck`;
  mkdirSync(own, { recursive: true });
  for (const ext of ['pack', 'screen.json']) cpSync(`${unzipped}/assets/packs/gad-7.en.${ext}`, `${own}/riverside-gad.en.${ext}`);
  const ownCopy = `${site.content}/plugins/selfcheck/assets/packs/riverside-gad.en.pack`;
  check(!existsSync(ownCopy), `${key}: the own flow is in uploads/selfcheck/ only`);
  const setup = wpCli(
    site,
    'setup',
    `switch_theme('${site.theme}');
$admin = get_user_by('login', '${ADMIN.user}');
if ($admin && !wp_check_password('${ADMIN.pass}', $admin->user_pass, $admin->ID)) { wp_set_password('${ADMIN.pass}', $admin->ID); }
function page_with($title, $content) {
  $found = get_page_by_path(sanitize_title($title), OBJECT, 'page');
  $post = array('post_title' => $title, 'post_content' => $content, 'post_status' => 'publish', 'post_type' => 'page');
  if ($found) { $post['ID'] = $found->ID; }
  return wp_insert_post($post);
}
echo json_encode(array(
  'active' => is_plugin_active('selfcheck/selfcheck.php'),
  'theme' => get_stylesheet(),
  'explicit' => page_with('Self-check', "<p>Worried about someone? This self-check runs in your browser.</p>\\n\\n[selfcheck region=\\"gb\\" lang=\\"en\\" practice_name=\\"Riverside Counselling\\" practice_phone=\\"020 7946 0000\\" practice_url=\\"https://example.org/contact\\" exit_url=\\"https://www.bbc.co.uk/weather\\"]"),
  'defaults' => page_with('Self-check with defaults', '[selfcheck]'),
  'plain' => page_with('About us', '<p>No self-check here.</p>'),
  'own' => page_with('Own flow', '[selfcheck flow="riverside-gad" region="us" lang="en"]'),
));`,
  );
  check(setup.active === false && setup.theme === site.theme, `${key}: plugin unzipped (inactive), theme ${site.theme}`);
  lap(`${key} plugin and pages`, t);

  // The admin: activate on the Plugins screen, the settings page, the block editor.
  t = Date.now();
  const admin = await browser.newContext();
  const a = await login(admin, site);
  await a.goto(`${site.origin}/wp-admin/plugins.php`);
  await Promise.all([a.waitForNavigation(), a.locator('#activate-selfcheck').click()]);
  check((await a.locator('#deactivate-selfcheck').count()) === 1, `${key}: activated on the Plugins screen`);
  check(!existsSync(ownCopy), `${key}: the plugin writes nothing into its own folder (the own flow stays in uploads/selfcheck/)`);
  await a.goto(`${site.origin}/wp-admin/options-general.php?page=selfcheck`);
  check((await a.locator('form input[name="option_page"][value="selfcheck"]').count()) === 1 && (await a.locator('form input[name="_wpnonce"]').count()) === 1, `${key}: settings page: settings_fields (option_page, _wpnonce)`);
  await a.selectOption('#selfcheck_region', 'uk');
  await a.fill('#selfcheck_lang', 'en');
  await a.fill('#selfcheck_practice_name', 'Riverside "Counselling" <b>');
  await a.fill('#selfcheck_practice_phone', '020 7946 0000');
  await a.fill('#selfcheck_practice_url', 'http://insecure.example.org/');
  await a.fill('#selfcheck_exit_url', 'https://www.bbc.co.uk/weather');
  await Promise.all([a.waitForNavigation(), a.click('#submit')]);
  const notices = await a.locator('.notice, .updated, .error').allInnerTexts();
  check(notices.some((n) => /practice_url/.test(n)), `${key}: an http: practice URL is refused with a notice`, notices.join(' | '));
  check((await a.inputValue('#selfcheck_practice_url')) === '' && (await a.inputValue('#selfcheck_practice_name')) === 'Riverside "Counselling"', `${key}: sanitised: URL dropped, tags stripped from the name`);
  const forged = await a.request.post(`${site.origin}/wp-admin/options.php`, { form: { option_page: 'selfcheck', action: 'update', 'selfcheck_settings[practice_name]': 'Forged' } });
  check(forged.status() >= 400 || /link you followed has expired|not allowed/i.test(await forged.text()), `${key}: a POST without the nonce is refused (HTTP ${forged.status()})`);
  // Contacts checked more than 12 months ago: the settings page says so (the release's
  // date is today's data, so a must-use plugin ages it through the plugin's filter: a new
  // file, which PHP's opcode cache cannot be holding an old copy of).
  check((await a.locator('.selfcheck-overdue').count()) === 0, `${key}: no "update" notice while the release's contacts are recent`);
  const info = readFileSync(`${site.content}/plugins/selfcheck/build-info.php`, 'utf8');
  check(/'contacts_checked' => '\d{4}-\d{2}-\d{2}'/.test(info), `${key}: build-info.php records when the contacts were checked`);
  const aged = `${site.content}/mu-plugins/selfcheck-test-aged.php`;
  writeFileSync(aged, "<?php\nadd_filter('selfcheck_contacts_checked', function () { return '2020-01-01'; });\n");
  await a.goto(`${site.origin}/wp-admin/options-general.php?page=selfcheck`);
  const overdue = await a.locator('.selfcheck-overdue').allInnerTexts();
  rmSync(aged);
  check(overdue.some((n) => /last checked on 2020-01-01, more than 12 months ago/.test(n)), `${key}: contacts checked over 12 months ago: the settings page asks for an update`, overdue.join(' | '));
  await a.goto(`${site.origin}/wp-admin/privacy-policy-guide.php`);
  check(/Our self-check runs entirely in your browser/.test(await a.locator('body').textContent()), `${key}: suggested privacy-policy text in the Policy Guide`);
  lap(`${key} admin (activate, settings)`, t);
  t = Date.now();
  const blockPage = await blockEditor(site, a).catch(async (e) => {
    await a.screenshot({ path: `/tmp/selfcheck-wp-${key}-failure.png` }).catch(() => {});
    throw e;
  });
  await admin.close();
  lap(`${key} block editor`, t);

  // The visitor: the block's page, then the shortcode pages.
  t = Date.now();
  await visitBlock(site, browser, blockPage);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const log = await recordRequests(context, site.origin);
  const page = await context.newPage();
  const problems = await recordProblems(page);
  const plainHtml = await (await page.goto(`${site.origin}/?page_id=${setup.plain}`)).text();
  check(!/selfcheck\.js/.test(plainHtml), `${key}: a page without the block or shortcode does not load selfcheck.js`);
  const defaultsHtml = await (await page.goto(`${site.origin}/?page_id=${setup.defaults}`)).text();
  check(/<self-check region="uk" lang="en" practice-name="Riverside &quot;Counselling&quot;" practice-phone="020 7946 0000" exit-url="https:\/\/www\.bbc\.co\.uk\/weather">/.test(defaultsHtml), `${key}: [selfcheck] takes the settings page's defaults, escaped`, defaultsHtml.match(/<self-check[^>]*>/)?.[0]);
  const html = await (await page.goto(`${site.origin}/?page_id=${setup.explicit}`)).text();
  check(/<self-check region="uk" lang="en" practice-name="Riverside Counselling" practice-phone="020 7946 0000" practice-url="https:\/\/example\.org\/contact" exit-url="https:\/\/www\.bbc\.co\.uk\/weather"><p class="sc-crisis-line"><strong>If someone is in danger now:<\/strong> <a class="sc-crisis-link" href="tel:999">/.test(html), `${key}: the shortcode renders <self-check> (gb → uk) with the engine's crisis strip inside`, html.match(/<self-check[\s\S]*?<\/self-check>/)?.[0]);
  await walkBoth({ page, log, element: page.locator('self-check'), reopen: () => page.reload(), crisisLink: 'tel:999' });
  await page.goto(`${site.origin}/?page_id=${setup.own}`);
  await page.locator('self-check fieldset[data-question="danger"]').waitFor({ state: 'visible', timeout: 20_000 });
  // The loader reads data-packs: a flow the build does not have comes from there.
  const ownUrl = log.all.map((r) => r.url).find((u) => u.endsWith('/riverside-gad.en.pack')) || '';
  check(ownUrl === `${site.origin}/wp-content/uploads/selfcheck/riverside-gad.en.pack`, `${key}: a page with flow="riverside-gad" runs the practice's own pack from uploads/selfcheck/`, log.all.map((r) => r.url).join('\n'));
  check(!log.all.some((r) => /uploads\/selfcheck\/(loved-one-rejects-help|gad-7|phq-9)\./.test(r.url)), `${key}: the build's own packs never come from uploads/selfcheck/`);
  check(log.offOrigin.length === 0, `${key}: no off-origin request (shortcode)`, log.offOrigin.join('\n'));
  check(problems.length === 0, `${key}: no console error, page error or CSP violation (shortcode)`, problems.join('\n'));
  await context.close();
  lap(`${key} visitor`, t);

  // Uninstall removes the option; the debug log has no PHP warning, notice or error.
  const un = wpCli(
    site,
    'uninstall',
    `$before = get_option('selfcheck_settings', 'absent') !== 'absent';
deactivate_plugins('selfcheck/selfcheck.php');
uninstall_plugin('selfcheck/selfcheck.php');
wp_cache_flush();
echo json_encode(array('before' => $before, 'after' => get_option('selfcheck_settings', 'absent') !== 'absent'));`,
  );
  check(un.before && !un.after, `${key}: uninstall.php removes selfcheck_settings`);
  const debug = existsSync(site.log) ? readFileSync(site.log, 'utf8') : '';
  const bad = debug.split('\n').filter((l) => /PHP (Warning|Notice|Fatal error|Parse error)|selfcheck/i.test(l));
  check(bad.length === 0, `${key}: no PHP warning, notice or error with WP_DEBUG on (${debug.split('\n').filter(Boolean).length} other log lines)`, bad.slice(0, 10).join('\n'));
}

const browser = await launch();
let failed = false;
try {
  for (const key of wanted) await runSite(key, browser);
} catch (e) {
  failed = true;
  console.error(e.message);
} finally {
  await browser.close();
  stop();
}
timings.total = `${((Date.now() - started) / 1000).toFixed(1)} s`;
console.log('timings:', JSON.stringify(timings));
console.log(`${failed ? 'FAILED' : 'passed'}: ${checked()} checks on WordPress ${wanted.join(' and ')}`);
void ROOT;
process.exit(failed ? 1 : 0);
