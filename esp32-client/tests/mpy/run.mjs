// Runs the socket-free tests (codec, mDNS, node logic) under real MicroPython: the
// WebAssembly port from npm, in Node. The package, the tests and proto/golden are
// copied into the wasm filesystem with the repository layout, so the tests find
// ../proto/golden exactly as they do under CPython.
//
//   node run.mjs [test_module ...]      (default: the list below)
//   node run.mjs --script FILE.py       (runs one script, e.g. measure.py)
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const client = path.resolve(here, "../..");
const golden = path.resolve(client, "../proto/golden");
const DEFAULT_TESTS = ["test_wire", "test_mdns", "test_node", "test_apps"];

function copyDir(mp, from, to, filter) {
  mp.FS.mkdirTree(to);
  for (const name of fs.readdirSync(from)) {
    if (filter(name)) mp.FS.writeFile(to + "/" + name, fs.readFileSync(path.join(from, name)));
  }
}

async function boot() {
  let failedLine = false;
  const mp = await loadMicroPython({
    heapsize: 4 * 1024 * 1024,
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  const root = "/w/esp32-client";
  copyDir(mp, path.join(client, "motormesh"), root + "/motormesh", (n) => n.endsWith(".py"));
  copyDir(mp, path.join(client, "tests"), root + "/tests", (n) => n.endsWith(".py"));
  copyDir(mp, here, root + "/tests/mpy", (n) => n.endsWith(".py"));
  copyDir(mp, golden, "/w/proto/golden", (n) => n.endsWith(".bin") || n.endsWith(".json"));
  mp.runPython(`import os, sys\nos.chdir("${root}")\nsys.path.insert(0, "${root}")`);
  return mp;
}

function run(mp, code) {
  try {
    mp.runPython(code);
    return true;
  } catch (e) {
    process.stderr.write(String(e.message || e) + "\n");
    return false;
  }
}

const mp = await boot();
const args = process.argv.slice(2);
if (args[0] === "--script") {
  const src = fs.readFileSync(path.resolve(args[1]), "utf8");
  process.exit(run(mp, src) ? 0 : 1);
}
const modules = args.length ? args : DEFAULT_TESTS;
run(mp, "import sys\nprint(sys.implementation)\n_totals = [0, 0, 0]");
let ok = true;
for (const m of modules) {
  ok =
    run(
      mp,
      `import unittest\nimport tests.${m}\n` +
        `_r = unittest.main(sys.modules["tests.${m}"])\n` +
        `_totals[0] += _r.testsRun - _r.failuresNum - _r.errorsNum - _r.skippedNum\n` +
        `_totals[1] += _r.failuresNum + _r.errorsNum\n_totals[2] += _r.skippedNum`
    ) && ok;
}
run(mp, 'with open("/w/totals", "w") as f:\n    f.write("%d %d %d" % tuple(_totals))');
const [passed, failed, skipped] = mp.FS.readFile("/w/totals", { encoding: "utf8" }).split(" ").map(Number);
console.log(`micropython-wasm: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
