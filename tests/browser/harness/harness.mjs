// Test-only: load the vendored Pyodide from dist/, install pytest from wheels, unpack bpcore
// and the unit tests, run pytest, and publish {exitCode, output} on window.bpResult.
import { loadPyodide } from "/pyodide/pyodide.mjs";

const lines = [];
const log = (s) => { lines.push(s); };

async function bytes(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
  return new Uint8Array(await resp.arrayBuffer());
}

async function run() {
  const manifest = await (await fetch("manifest.json")).json();
  const py = await loadPyodide({ indexURL: "/pyodide/", stdout: log, stderr: log });
  await py.loadPackage(manifest.packages, { messageCallback: () => {} });
  py.FS.mkdirTree("/tmp/in");
  const archives = [...manifest.wheels.map((w) => `wheels/${w}`), "/bpcore.zip", "tests.zip"];
  for (const url of archives) {
    py.FS.writeFile(`/tmp/in/${url.split("/").pop()}`, await bytes(url));
  }
  py.globals.set("wheels", py.toPy(manifest.wheels));
  py.globals.set("pytest_args", py.toPy(manifest.pytestArgs));
  const code = await py.runPythonAsync(`
import os, site, sys, zipfile
for w in wheels:
    zipfile.ZipFile("/tmp/in/" + w).extractall(site.getsitepackages()[0])
work = "/home/pyodide/work"
for z in ("bpcore.zip", "tests.zip"):
    zipfile.ZipFile("/tmp/in/" + z).extractall(work)
os.chdir(work)
sys.path.insert(0, work)
import pytest
int(pytest.main(list(pytest_args)))
`);
  return code;
}

run().then(
  (exitCode) => { window.bpResult = { exitCode, output: lines.join("\n") }; },
  (err) => { window.bpResult = { exitCode: -1, output: `${lines.join("\n")}\n${err.stack || err}` }; },
).finally(() => { document.getElementById("log").textContent = window.bpResult.output; });
