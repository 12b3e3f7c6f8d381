// Usage: node tools/lock-platform-entries.mjs  (run after every `npm install` that changes the lock)
// Adds lock entries for optional platform binaries the registry here does not serve, so
// `npm ci` sees the lock in sync; npm skips them on a non-matching platform.
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const platform = (name) => {
  const n = name.split('/').pop();
  const os = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'wasm32'].find((o) => n.includes(o));
  const cpu = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'arm', 'wasm32'].find((c) => n.includes(c));
  return { os, cpu };
};
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (pkgs[base] || pkgs[`node_modules/${dep}`]) continue;
    const { os, cpu } = platform(dep);
    if (!os && !cpu) continue;
    const key = `node_modules/${dep}`;
    pkgs[key] = { version: range.replace(/^[\^~=]/, ''), optional: true, ...(os ? { os: [os === 'wasm32' ? 'wasm32' : os] } : {}), ...(cpu && cpu !== 'wasm32' ? { cpu: [cpu] } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} entries`);
