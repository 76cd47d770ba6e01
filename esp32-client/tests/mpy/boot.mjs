// Starts the MicroPython WebAssembly port in Node with the repository layout in its
// filesystem: /w/esp32-client/{motormesh,tests} and /w/proto/golden, cwd esp32-client.
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const client = path.resolve(here, "../..");
const golden = path.resolve(client, "../proto/golden");
const ROOT = "/w/esp32-client";

function copyDir(mp, from, to, filter) {
  mp.FS.mkdirTree(to);
  for (const name of fs.readdirSync(from)) {
    if (filter(name)) mp.FS.writeFile(to + "/" + name, fs.readFileSync(path.join(from, name)));
  }
}

export async function boot() {
  const mp = await loadMicroPython({
    heapsize: 4 * 1024 * 1024,
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  const py = (n) => n.endsWith(".py");
  copyDir(mp, path.join(client, "motormesh"), ROOT + "/motormesh", py);
  copyDir(mp, path.join(client, "tests"), ROOT + "/tests", py);
  copyDir(mp, path.join(client, "tests", "fakes"), ROOT + "/tests/fakes", py);
  copyDir(mp, here, ROOT + "/tests/mpy", py);
  for (const f of ["package.json", "package-src.json"]) mp.FS.writeFile(ROOT + "/" + f, fs.readFileSync(path.join(client, f)));
  copyDir(mp, path.join(client, "mpy", "motormesh"), ROOT + "/mpy/motormesh", (n) => n.endsWith(".mpy"));
  copyDir(mp, golden, "/w/proto/golden", (n) => n.endsWith(".bin") || n.endsWith(".json"));
  mp.runPython(`import os, sys\nos.chdir("${ROOT}")\nsys.path.insert(0, "${ROOT}")`);
  return mp;
}

// runs Python source; prints the traceback (not the JS stack) and returns false on error
export function run(mp, code) {
  try {
    mp.runPython(code);
    return true;
  } catch (e) {
    process.stderr.write(String(e.message || e) + "\n");
    return false;
  }
}

// a small text file written by the Python side
export function readText(mp, file) {
  return mp.FS.readFile(file, { encoding: "utf8" });
}
