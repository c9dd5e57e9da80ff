// How long a built dist/ takes, under Node, from loadPyodide to `import bpcore.protocol` done:
// the bytecode lever measured without a browser (build one dist with and one with
// --no-compile, then alternate:  node tools/startup.mjs DIST_A DIST_B DIST_A DIST_B ...).
// Prints one JSON line per run: {dist, boot, numpy, bpcore, total} in ms.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

async function once(dist) {
  const indexURL = path.join(dist, "pyodide") + path.sep;
  const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
  const t0 = performance.now();
  const py = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  const t1 = performance.now();
  await py.loadPackage("numpy", { messageCallback: () => {} });
  py.runPython("import numpy");
  const t2 = performance.now();
  py.unpackArchive(new Uint8Array(readFileSync(path.join(dist, "bpcore.zip"))), "zip",
    { extractDir: "/home/pyodide/app" });
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide/app'); import bpcore.protocol");
  const t3 = performance.now();
  return { dist, boot: t1 - t0, numpy: t2 - t1, bpcore: t3 - t2, total: t3 - t0 };
}

const dists = process.argv.slice(2);
if (dists.length === 1) {
  console.log(JSON.stringify(await once(path.resolve(dists[0]))));
  process.exit(0);
}
// several: each run in a fresh Node process, so no run warms the next one's caches
for (const dist of dists) {
  process.stdout.write(execFileSync(process.execPath, [process.argv[1], dist]));
}
