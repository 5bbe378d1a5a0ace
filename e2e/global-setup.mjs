// Before the browser tests: the facts about the default flow that they walk (questions,
// answers, outcomes, covering routes with their advice), made by the engine through
// `selfcheck facts` rather than copied by hand into the tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FACTS_FILE = fileURLToPath(new URL('./.facts/default.json', import.meta.url));

export default function globalSetup() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const json = execFileSync('cargo', ['run', '--quiet', '--package', 'selfcheck-cli', '--', 'facts', 'flows/default.toml'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  mkdirSync(new URL('./.facts/', import.meta.url), { recursive: true });
  writeFileSync(FACTS_FILE, json);
}
