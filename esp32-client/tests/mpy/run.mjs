// Runs the socket-free tests (codec, mDNS, node logic, apps) under real MicroPython:
// the WebAssembly port from npm, in Node. Exits non-zero on any failure.
//
//   node run.mjs [test_module ...]
import { boot, run, readText } from "./boot.mjs";

const DEFAULT_TESTS = ["test_wire", "test_mdns", "test_node", "test_apps", "test_board", "test_package"];

const mp = await boot();
const modules = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_TESTS;
run(mp, "import sys, unittest\nprint(sys.implementation)\n_totals = [0, 0, 0]");
let ok = true;
for (const m of modules) {
  const code =
    `import tests.${m}\n_r = unittest.main(sys.modules["tests.${m}"])\n` +
    `_totals[0] += _r.testsRun - _r.failuresNum - _r.errorsNum - _r.skippedNum\n` +
    `_totals[1] += _r.failuresNum + _r.errorsNum\n_totals[2] += _r.skippedNum`;
  ok = run(mp, code) && ok;
}
run(mp, 'with open("/w/totals", "w") as f:\n    f.write("%d %d %d" % tuple(_totals))');
const [passed, failed, skipped] = readText(mp, "/w/totals").split(" ").map(Number);
console.log(`micropython-wasm: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
