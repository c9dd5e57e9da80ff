// Runs tools/pycompile.py inside the vendored Pyodide under Node: the bytecode must come from
// the page's own Python (3.12.7; the host's may differ) and the preview from its own NumPy.
// usage: node tools/pycompile.mjs PYODIDE_DIR JOB_DIR    (build.py writes JOB_DIR/job.json)
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, jobDir] = process.argv.slice(2).map((p) => path.resolve(p));
const job = JSON.parse(readFileSync(path.join(jobDir, "job.json"), "utf8"));
const log = (s) => process.stderr.write(`[pycompile] ${s}\n`);
try {
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const py = await loadPyodide({ indexURL: pyodideDir + path.sep, stdout: log, stderr: log });
  if (job.packages.length) await py.loadPackage(job.packages, { messageCallback: () => {} });
  py.FS.mkdirTree("/job");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: jobDir }, "/job");
  const script = readFileSync(new URL("./pycompile.py", import.meta.url), "utf8");
  py.runPython(script, { filename: "pycompile.py" });
  process.exit(0); // Pyodide keeps timers alive
} catch (err) {
  log(String(err && (err.stack || err.message) || err));
  process.exit(1);
}
