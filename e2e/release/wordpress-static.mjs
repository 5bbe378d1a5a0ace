// What the WordPress directory's Plugin Check would flag, checked without it (Plugin Check
// needs a network and a WordPress): every PHP file refuses direct access, output is escaped
// (or carries a phpcs:ignore with a reason, which Plugin Check honours), the plugin header
// and readme.txt have the fields the directory reads, with GPL-compatible and matching
// licence lines, `Tested up to` is the newest WordPress the release test runs on, the
// readme has a "Source and build" section and a generated changelog, the .pot is there,
// and no placeholder of the packaging sources is left.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ESCAPES = /^(esc_html|esc_attr|esc_url|esc_textarea|esc_html__|esc_attr__|esc_html_e|esc_attr_e|wp_kses|wp_kses_post|wp_kses_data|absint|intval|wp_json_encode|selected|checked|disabled)\b/;
// Plugin Check's License_Utils::is_license_gpl_compatible, on the normalised licence.
const GPL_COMPATIBLE = /GPL|GNU|MIT|FreeBSD|New BSD|BSD-3-Clause|BSD 3 Clause|OpenLDAP|Expat|Apache2|MPL20|ISC/im;

const files = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });

const header = (text, field) => text.match(new RegExp(`^[ \\t/*#@]*${field}:[ \\t]*(.+)$`, 'mi'))?.[1].trim() ?? '';

/** Returns a list of problems (empty: passes). `dir` is the unzipped plugin folder. */
export function pluginCheck(dir, { version, testedUpTo }) {
  const problems = [];
  const all = files(dir);
  const php = all.filter((f) => f.endsWith('.php'));
  for (const f of php) {
    const name = relative(dir, f);
    const text = readFileSync(f, 'utf8');
    // Direct_File_Access_Check: a PHP file with code must stop when loaded outside WordPress.
    if (!/defined\(\s*'(ABSPATH|WP_UNINSTALL_PLUGIN)'\s*\)\s*\)\s*\{?\s*(exit|die)/.test(text)) problems.push(`${name}: no defined('ABSPATH') guard (direct file access)`);
    // EscapeOutput: each echo/print starts with an escaping function or carries phpcs:ignore.
    text.split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '').trim();
      const m = line.match(/(?:^|[;{}\s?>])(echo|print|printf|vprintf)\s*\(?\s*(.*)$/);
      if (!m || /^\s*(\*|\/\/|\/\*)/.test(line) || !code) return;
      const arg = m[2].replace(/^\(\s*/, '');
      const literal = /^'[^']*'\s*(;|\.)/.test(arg) && !/\.\s*\$/.test(arg.replace(/esc_\w+\([^)]*\)/g, ''));
      if (ESCAPES.test(arg) || /phpcs:ignore\s+WordPress\.Security\.EscapeOutput\.OutputNotEscaped\s+--\s+\S/.test(line)) return;
      // Concatenations must escape every variable part.
      const parts = arg.split(/\s\.\s/).map((p) => p.trim());
      const unescaped = parts.filter((p) => !/^'/.test(p) && !/^"\\n"/.test(p) && !ESCAPES.test(p) && !/^(selected|checked)\(/.test(p) && p !== ';' && !/^'[^']*';?$/.test(p));
      if (!literal && unescaped.length) problems.push(`${name}:${i + 1}: unescaped output: ${line.trim().slice(0, 120)}`);
    });
    if (/\b(eval|base64_decode|create_function|move_uploaded_file|curl_exec|file_get_contents\(\s*['"]https?:)\s*\(/.test(text)) problems.push(`${name}: a function Plugin Check flags`);
    if (/wp_remote_(get|post|request)\s*\(/.test(text)) problems.push(`${name}: makes a remote request`);
    // Plugin_Updater_Check flags code that updates the plugin itself (the Update URI header
    // is checked below: it belongs to zip installs only).
    if (/site_transient_update_plugins|pre_set_site_transient_update_plugins|plugin-update-checker/.test(text)) problems.push(`${name}: an updater`);
  }
  for (const f of all.filter((f) => /\.(js|json|css|txt|php|pot)$/.test(f))) {
    const text = readFileSync(f, 'utf8');
    if (/0\.0\.0-dev|@SOURCE@|@CHANGELOG@/.test(text)) problems.push(`${relative(dir, f)}: a packaging placeholder is left`);
  }

  const main = readFileSync(join(dir, 'selfcheck.php'), 'utf8');
  const readme = readFileSync(join(dir, 'readme.txt'), 'utf8');
  for (const field of ['Plugin Name', 'Description', 'Version', 'Requires at least', 'Requires PHP', 'Author', 'License', 'License URI', 'Text Domain', 'Update URI']) {
    if (!header(main, field)) problems.push(`selfcheck.php: no "${field}" header`);
  }
  if (header(main, 'Version') !== version) problems.push(`selfcheck.php: Version is ${header(main, 'Version')}, not ${version}`);
  if (header(main, 'Text Domain') !== 'selfcheck') problems.push('selfcheck.php: Text Domain is not the slug');
  for (const field of ['Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag', 'License', 'License URI']) {
    if (!header(readme, field)) problems.push(`readme.txt: no "${field}"`);
  }
  if (!/^=== .+ ===$/m.test(readme)) problems.push('readme.txt: no "=== Plugin Name ===" line');
  if (header(readme, 'Stable tag') !== version) problems.push(`readme.txt: Stable tag is ${header(readme, 'Stable tag')}, not ${version}`);
  if (header(readme, 'Tested up to') !== testedUpTo) problems.push(`readme.txt: Tested up to is ${header(readme, 'Tested up to')}, but the newest WordPress tested is ${testedUpTo}`);
  if (header(readme, 'Requires at least') !== header(main, 'Requires at least') || header(readme, 'Requires PHP') !== header(main, 'Requires PHP')) problems.push('readme.txt and selfcheck.php disagree on Requires at least / Requires PHP');
  for (const [what, text] of [['selfcheck.php', main], ['readme.txt', readme]]) {
    const licence = header(text, 'License');
    const normalised = licence.replace(/-/g, '').replace(/Apache.*?([0-9])(\.0)?/i, 'Apache$1');
    if (!GPL_COMPATIBLE.test(normalised)) problems.push(`${what}: License "${licence}" is not GPL-compatible for Plugin Check`);
    if (!/^([a-z0-9\-+.]+)(\sor\s([a-z0-9\-+.]+))*$/i.test(licence)) problems.push(`${what}: License "${licence}" is not an SPDX identifier`);
  }
  if (header(main, 'License') !== header(readme, 'License') || header(main, 'License URI') !== header(readme, 'License URI')) problems.push('the licence lines of selfcheck.php and readme.txt differ');
  const short = readme.split(/\n\n/)[2] || '';
  if (short.length > 150) problems.push(`readme.txt: the short description has ${short.length} characters (at most 150)`);
  const tags = header(readme, 'Tags').split(',').filter(Boolean);
  if (tags.length > 5) problems.push(`readme.txt: ${tags.length} tags (at most 5)`);
  if (/^Contributors:\s*selfcheck\s*$/mi.test(readme)) problems.push('readme.txt: Contributors names no wordpress.org account');
  const source = readme.match(/== Source and build ==\n([\s\S]*?)\n== /)?.[1] ?? '';
  if (!/cargo xtask release/.test(source)) problems.push('readme.txt: no "Source and build" section naming `cargo xtask release`');
  const changelog = readme.match(/== Changelog ==\n([\s\S]*)$/)?.[1] ?? '';
  if (!/^= .+ =$/m.test(changelog) || !/^\* /m.test(changelog)) problems.push('readme.txt: the changelog has no version with entries');
  if (/CHANGELOG\.md of the selfcheck project/.test(changelog)) problems.push('readme.txt: the changelog points at a file the zip does not ship');
  const pot = readFileSync(join(dir, 'languages/selfcheck.pot'), 'utf8');
  for (const s of ['If someone is in danger now:', 'Flow', 'Region', 'Suggested text:']) {
    if (!pot.includes(`msgid "${s}"`)) problems.push(`languages/selfcheck.pot: no msgid "${s}"`);
  }
  const block = JSON.parse(readFileSync(join(dir, 'block/block.json'), 'utf8'));
  if (block.apiVersion !== 3 || block.name !== 'selfcheck/self-check' || block.render !== 'file:./render.php' || block.version !== version) problems.push('block/block.json: apiVersion 3, selfcheck/self-check, render.php, the version');
  return problems;
}
