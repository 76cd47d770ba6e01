// Prints the client's footprint measured under MicroPython (WebAssembly port):
// RAM after import, allocation per publish encode/decode, package size.
//
//   node measure.mjs
import fs from "node:fs";
import path from "node:path";
import { boot, client, run } from "./boot.mjs";

const mp = await boot();
const src = fs.readFileSync(path.join(client, "tests/mpy/measure.py"), "utf8");
process.exit(run(mp, src) ? 0 : 1);
