// Bundles the page's modules with esbuild (package.json pins it; the page itself has no npm
// dependencies): the page's entries (early.js, main.js, offline.js) split into shared chunks and
// lazy ones (what main.js imports dynamically), the workers (worker.mjs, lab-worker.mjs) as one
// file each. Output names are the entries' own, chunks are named by their hash; the
// stylesheets, in the order given, as one page.css. Source maps point to web/.
// usage: node tools/bundle.mjs ROOT OUT_DIR CSS...   (CSS: index.html's stylesheets, in order;
// build.py reads OUT_DIR/files/ and OUT_DIR/meta.json). The licences of the npm packages bundled
// (the lab's CodeMirror: minified, their comments dropped) go to THIRD-PARTY-LICENSES.txt.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";

const [root, out] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const sheets = process.argv.slice(4);
const common = {
  absWorkingDir: root,
  outdir: "dist", // never written (write: false): it only makes the maps' paths "../web/..."
  write: false,
  bundle: true,
  format: "esm",
  minify: true,
  sourcemap: "linked",
  legalComments: "none",
  charset: "utf8",
  metafile: true,
  logLevel: "warning",
};
const builds = [
  { ...common, entryPoints: ["web/early.js", "web/main.js", "web/offline.js"], splitting: true,
    entryNames: "[name]", chunkNames: "chunk-[hash]" },
  // the engine's worker and the lab's, each one file (no splitting: they share pyodide-boot.mjs)
  { ...common, entryPoints: ["web/worker.mjs", "web/lab-worker.mjs"], entryNames: "[name]", outExtension: { ".js": ".mjs" } },
];
if (sheets.length) {
  const contents = sheets.map((name) => `@import ${JSON.stringify("./" + name)};`).join("\n");
  builds.push({ ...common, stdin: { contents, resolveDir: path.join(root, "web"), sourcefile: "web/page.css", loader: "css" },
    outdir: undefined, outfile: "dist/page.css" });
}
try {
  const meta = { outputs: {} };
  const packages = new Set();
  for (const options of builds) {
    const result = await esbuild.build(options);
    for (const input of Object.keys(result.metafile.inputs)) packages.add(packageOf(input));
    for (const file of result.outputFiles) {
      const name = path.relative(path.join(root, "dist"), file.path).split(path.sep).join("/");
      const dest = path.join(out, "files", name);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, file.contents);
    }
    for (const [name, output] of Object.entries(result.metafile.outputs)) {
      meta.outputs[name.replace(/^dist\//, "")] = {
        entryPoint: output.entryPoint || null,
        imports: output.imports.map(({ path: p, kind }) => ({ path: p.replace(/^dist\//, ""), kind })),
      };
    }
  }
  packages.delete(null);
  if (packages.size) writeFileSync(path.join(out, "files", "THIRD-PARTY-LICENSES.txt"), licences([...packages].sort()));
  writeFileSync(path.join(out, "meta.json"), JSON.stringify(meta, null, 1));
} catch (err) {
  process.stderr.write(`[bundle] ${err && (err.stack || err.message) || err}\n`);
  process.exit(1);
}

/** "node_modules/@scope/name/dist/x.js" -> "@scope/name"; null for the page's own files */
function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m ? m[1] : null;
}

/** Each bundled package's name, version, licence and the text of its licence file. */
function licences(names) {
  const parts = names.map((name) => {
    const dir = path.join(root, "node_modules", name);
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    if (!file || !existsSync(path.join(dir, file))) throw new Error(`${name}: no licence file to ship`);
    const text = readFileSync(path.join(dir, file), "utf8").trim();
    return `${name} ${pkg.version} (${pkg.license})\n\n${text}\n`;
  });
  return `Bundled into this page (the Python lab's editor), with their licences:\n\n${parts.join("\n" + "-".repeat(72) + "\n\n")}`;
}
