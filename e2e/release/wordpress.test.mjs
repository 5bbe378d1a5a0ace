// The WordPress plugin on a real WordPress (Debian's 6.1, Twenty Twenty-One, MariaDB, PHP's
// built-in server on 127.0.0.1:4192): installs what is missing, installs WordPress, installs
// and activates release/selfcheck-wordpress-<version>.zip, saves the settings page as an
// admin would (nonce, sanitising), creates pages, then walks the shortcode's widget in
// Chromium to the danger result and to an ordinary result: crisis strip, focus on the
// result heading, no request after the first question, the theme's CSS kept out. Ends by
// uninstalling the plugin and checking its option is gone.
//
//   node e2e/release/wordpress.test.mjs           (after `cargo xtask release`; as root)
//   node e2e/release/wordpress.test.mjs --fresh   (drop the site's database first: a cold run)
//
// Leaves MariaDB running if it was running before; otherwise stops the one it started.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { check, checked, launch, recordProblems, recordRequests, requireRelease, version, walkBoth, ROOT } from './common.mjs';

const started = Date.now();
const timings = {};
const lap = (what, since) => (timings[what] = `${((Date.now() - since) / 1000).toFixed(1)} s`);
const port = Number(process.env.WP_PORT || 4192);
const origin = `http://127.0.0.1:${port}`;
const fresh = process.argv.includes('--fresh');
const v = version();
const zip = requireRelease(`selfcheck-wordpress-${v}.zip`);
const WORK = '/tmp/selfcheck-wp';
const CONTENT = '/var/lib/wordpress/wp-content';
const DB = 'selfcheck_wp';
const ADMIN = { user: 'admin', pass: 'selfcheck-test-admin-pw' };
mkdirSync(WORK, { recursive: true });
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
console.log(`WordPress release test: ${zip.split('/').pop()}${fresh ? ' (fresh site)' : ''}`);

// 1. Packages, installed only when missing.
let t = Date.now();
const PACKAGES = ['wordpress', 'wordpress-theme-twentytwentyone', 'mariadb-server', 'php-cli', 'php-mysql'];
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

// 2. PHP lint of the plugin, from the zip.
t = Date.now();
rmSync(`${WORK}/unzipped`, { recursive: true, force: true });
sh('unzip', ['-q', zip, '-d', `${WORK}/unzipped`]);
for (const f of ['selfcheck.php', 'uninstall.php']) {
  const out = sh('php', ['-l', `${WORK}/unzipped/selfcheck/${f}`]);
  check(/No syntax errors/.test(out), `php -l ${f}`);
}
const header = readFileSync(`${WORK}/unzipped/selfcheck/selfcheck.php`, 'utf8');
check(header.includes(`Version:           ${v}`) && header.includes(`'SELFCHECK_VERSION', '${v}'`), `plugin header and constant say ${v}`);
check(!/wp_remote_|curl_|file_get_contents\(\s*['"]https?:/.test(header), 'plugin code makes no remote request');

// 3. MariaDB, the database, the site's config.
const ping = () => {
  try {
    sh('mysqladmin', ['ping', '--silent']);
    return true;
  } catch {
    return false;
  }
};
let startedDb = null;
if (!ping()) {
  startedDb = spawn('mysqld_safe', [], { detached: true, stdio: 'ignore' });
  startedDb.unref();
  for (let i = 0; i < 100 && !ping(); i++) await new Promise((r) => setTimeout(r, 200));
}
check(ping(), 'MariaDB answers');
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
define('WP_CONTENT_DIR', '${CONTENT}');
define('WP_HOME', '${origin}');
define('WP_SITEURL', '${origin}');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${WORK}/debug.log');
`,
);
rmSync(`${WORK}/debug.log`, { force: true });

// 4. PHP's server, with a router for wp-content (Debian keeps it outside the docroot) and a
// bare page with the same widget, to compare against the themed one.
writeFileSync(
  `${WORK}/router.php`,
  `<?php
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$types = array('js' => 'text/javascript; charset=utf-8', 'css' => 'text/css; charset=utf-8', 'wasm' => 'application/wasm', 'pack' => 'application/octet-stream', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg', 'woff2' => 'font/woff2', 'woff' => 'font/woff', 'html' => 'text/html; charset=utf-8', 'json' => 'application/json');
if ($path === '/__bare.html') {
  header('Content-Type: text/html; charset=utf-8');
  echo '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title><script type="module" src="/wp-content/plugins/selfcheck/assets/selfcheck.js"></script></head><body><self-check region="gb" lang="en" practice-name="Riverside Counselling"><p>call <a href="tel:999">999</a></p></self-check></body></html>';
  return true;
}
if (strpos($path, '/wp-content/') === 0) {
  // Debian links the packaged themes into wp-content: no realpath check, but no "..".
  $file = '${CONTENT}' . substr($path, strlen('/wp-content'));
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
return false;
`,
);
const php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', '/usr/share/wordpress', `${WORK}/router.php`], { stdio: ['ignore', 'ignore', 'pipe'] });
const phpLog = [];
php.stderr.on('data', (d) => phpLog.push(String(d)));
const stop = () => {
  try {
    php.kill('SIGTERM');
  } catch {}
  if (startedDb) {
    try {
      sh('mysqladmin', ['-uroot', 'shutdown']);
    } catch {}
  }
};
process.on('exit', stop);
for (let i = 0; i < 50; i++) {
  try {
    await fetch(`${origin}/wp-login.php`);
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
lap('database and server up', t);

// 5. WordPress's own installer, one POST (skipped when the site is installed).
t = Date.now();
const installed = (await (await fetch(`${origin}/wp-admin/install.php`)).text()).includes('Already Installed');
if (!installed) {
  const body = new URLSearchParams({ weblog_title: 'Riverside Counselling', user_name: ADMIN.user, admin_password: ADMIN.pass, admin_password2: ADMIN.pass, pw_weak: '1', admin_email: 'admin@example.org', blog_public: '0', language: '' });
  const r = await fetch(`${origin}/wp-admin/install.php?step=2`, { method: 'POST', body });
  check(/Success!/.test(await r.text()), 'WordPress installed (install.php?step=2)');
} else {
  check(true, 'WordPress already installed (warm run)');
}
lap('wordpress install', t);

// 6. The plugin from the release zip, activated; pages created (php-cli on wp-load.php).
t = Date.now();
rmSync(`${CONTENT}/plugins/selfcheck`, { recursive: true, force: true });
sh('unzip', ['-q', zip, '-d', `${CONTENT}/plugins`]);
writeFileSync(
  `${WORK}/setup.php`,
  `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
switch_theme('twentytwentyone');
delete_option('selfcheck_settings');
$r = activate_plugin('selfcheck/selfcheck.php');
if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message()); exit(1); }
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
));
`,
);
const setup = JSON.parse(sh('php', [`${WORK}/setup.php`]));
check(setup.active === true, 'plugin installed from the zip and activated');
check(setup.theme === 'twentytwentyone', 'theme Twenty Twenty-One');
lap('plugin install and pages', t);

const browser = await launch();
let failed = false;
try {
  // 7. The settings page as an admin: nonce, capability, sanitising, escaping.
  t = Date.now();
  const admin = await browser.newContext();
  const a = await admin.newPage();
  await a.goto(`${origin}/wp-login.php`);
  await a.fill('#user_login', ADMIN.user);
  await a.fill('#user_pass', ADMIN.pass);
  await Promise.all([a.waitForNavigation(), a.click('#wp-submit')]);
  await a.goto(`${origin}/wp-admin/options-general.php?page=selfcheck`);
  check((await a.locator('form input[name="option_page"][value="selfcheck"]').count()) === 1 && (await a.locator('form input[name="_wpnonce"]').count()) === 1, 'settings page: settings_fields (option_page, _wpnonce)');
  await a.selectOption('#selfcheck_region', 'uk');
  await a.fill('#selfcheck_lang', 'en');
  await a.fill('#selfcheck_practice_name', 'Riverside "Counselling" <b>');
  await a.fill('#selfcheck_practice_phone', '020 7946 0000');
  await a.fill('#selfcheck_practice_url', 'http://insecure.example.org/');
  await a.fill('#selfcheck_exit_url', 'https://www.bbc.co.uk/weather');
  await Promise.all([a.waitForNavigation(), a.click('#submit')]);
  const notices = await a.locator('.notice, .updated, .error').allInnerTexts();
  check(notices.some((n) => /practice_url/.test(n)), 'an http: practice URL is refused with a notice', notices.join(' | '));
  check((await a.inputValue('#selfcheck_practice_url')) === '' && (await a.inputValue('#selfcheck_practice_name')) === 'Riverside "Counselling"', 'sanitised: URL dropped, tags stripped from the name', `${await a.inputValue('#selfcheck_practice_name')}`);
  // A forged POST without the nonce is refused.
  const forged = await a.request.post(`${origin}/wp-admin/options.php`, { form: { option_page: 'selfcheck', action: 'update', 'selfcheck_settings[practice_name]': 'Forged' } });
  check(forged.status() >= 400 || /link you followed has expired|not allowed/i.test(await forged.text()), `a POST without the nonce is refused (HTTP ${forged.status()})`);
  await admin.close();
  lap('settings page (admin)', t);

  // 8. The visitor.
  t = Date.now();
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const log = await recordRequests(context, origin);
  const page = await context.newPage();
  const problems = await recordProblems(page);

  const plainHtml = await (await page.goto(`${origin}/?page_id=${setup.plain}`)).text();
  check(!/selfcheck\.js/.test(plainHtml), 'a page without the shortcode does not load selfcheck.js');

  const defaultsHtml = await (await page.goto(`${origin}/?page_id=${setup.defaults}`)).text();
  check(/<self-check region="uk" lang="en" practice-name="Riverside &quot;Counselling&quot;" practice-phone="020 7946 0000" exit-url="https:\/\/www\.bbc\.co\.uk\/weather">/.test(defaultsHtml), '[selfcheck] takes the settings page\'s defaults, escaped', defaultsHtml.match(/<self-check[^>]*>/)?.[0]);

  const t1 = Date.now();
  const response = await page.goto(`${origin}/?page_id=${setup.explicit}`);
  const html = await response.text();
  check(/<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/wp-content\/plugins\/selfcheck\/assets\/selfcheck\.js" id="selfcheck-js"><\/script>/.test(html), 'loader printed as <script type="module"> from the plugin folder');
  check((html.match(/selfcheck\.js/g) || []).length === 1, 'loader included once');
  check(/<self-check region="uk" lang="en" practice-name="Riverside Counselling" practice-phone="020 7946 0000" practice-url="https:\/\/example\.org\/contact" exit-url="https:\/\/www\.bbc\.co\.uk\/weather"><p><strong>If someone is in danger now:<\/strong> call <a href="tel:999">999<\/a>/.test(html), 'shortcode renders <self-check> (gb → uk) with static crisis contacts inside', html.match(/<self-check[\s\S]*?<\/self-check>/)?.[0]);
  const el = page.locator('self-check');
  await el.locator('fieldset[data-question="danger"]').waitFor({ state: 'visible', timeout: 20_000 });
  timings['first question (themed page)'] = `${Date.now() - t1} ms`;

  // The theme's CSS stays out: the widget's computed styles equal those on a bare page.
  const styles = (p) =>
    p.evaluate(() => {
      const root = document.querySelector('self-check').shadowRoot.querySelector('.sc');
      return [root, ...root.querySelectorAll('legend, label, input, button, a, p, select, h2')].map((e) => {
        const cs = getComputedStyle(e);
        return `${e.tagName}.${e.className} ${cs.fontFamily} ${cs.fontSize} ${cs.fontWeight} ${cs.lineHeight} ${cs.color} ${cs.backgroundColor} ${cs.textTransform} ${cs.letterSpacing} ${cs.borderTopWidth} ${cs.borderTopStyle}`;
      });
    });
  const themed = await styles(page);
  const bareCtx = await browser.newContext();
  const bare = await bareCtx.newPage();
  await bare.goto(`${origin}/__bare.html`);
  await bare.locator('self-check fieldset[data-question="danger"]').waitFor({ state: 'visible', timeout: 20_000 });
  const plain = await styles(bare);
  await bareCtx.close();
  const diff = themed.filter((s, i) => s !== plain[i]);
  check(themed.length > 10 && themed.length === plain.length && diff.length === 0, `theme CSS does not leak in: ${themed.length} elements styled as on a bare page`, diff.slice(0, 5).join('\n'));
  const themeFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  check(!themed[0].includes(themeFont), `the widget does not take the theme's font (${themeFont.slice(0, 40)}…)`);

  await walkBoth({ page, log, element: el, reopen: () => page.reload(), crisisLink: 'tel:999' });
  check(log.offOrigin.length === 0, 'no off-origin request', log.offOrigin.join('\n'));
  check(problems.length === 0, 'no console error, page error or CSP violation', problems.join('\n'));
  check((await context.cookies()).length === 0, 'no cookie for the visitor');
  lap('visitor walks', t);

  // 9. Uninstall removes the option.
  writeFileSync(
    `${WORK}/uninstall.php`,
    `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$before = get_option('selfcheck_settings', 'absent') !== 'absent';
deactivate_plugins('selfcheck/selfcheck.php');
uninstall_plugin('selfcheck/selfcheck.php');
wp_cache_flush();
echo json_encode(array('before' => $before, 'after' => get_option('selfcheck_settings', 'absent') !== 'absent'));
`,
  );
  const un = JSON.parse(sh('php', [`${WORK}/uninstall.php`]));
  check(un.before && !un.after, 'uninstall.php removes selfcheck_settings');
  const debug = existsSync(`${WORK}/debug.log`) ? readFileSync(`${WORK}/debug.log`, 'utf8') : '';
  const ours = debug.split('\n').filter((l) => /selfcheck/i.test(l));
  check(ours.length === 0, 'no PHP notice or warning from the plugin (WP_DEBUG)', ours.join('\n'));
} catch (e) {
  failed = true;
  console.error(e.message);
  if (phpLog.length) console.error(phpLog.join('').split('\n').slice(-10).join('\n'));
} finally {
  await browser.close();
  stop();
}
timings.total = `${((Date.now() - started) / 1000).toFixed(1)} s`;
console.log('timings:', JSON.stringify(timings));
console.log(`${failed ? 'FAILED' : 'passed'}: ${checked()} checks`);
void ROOT;
process.exit(failed ? 1 : 0);
