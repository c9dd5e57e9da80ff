// Bundles the page's modules with esbuild (package.json pins it; the page itself has no npm
// dependencies): the page's entries (early.js, main.js, offline.js) split into shared chunks and
// lazy ones (what main.js imports dynamically), the workers (worker.mjs, lab-worker.mjs) as one
// file each. Output names are the entries' own, chunks are named by their hash; the
// stylesheets, in the order given, as one page.css. Source maps point to web/.
// usage: node tools/bundle.mjs ROOT OUT_DIR CSS...   (CSS: index.html's stylesheets, in order;
// build.py reads OUT_DIR/files/ and OUT_DIR/meta.json)
import { mkdirSync, writeFileSync } from "node:fs";
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
  for (const options of builds) {
    const result = await esbuild.build(options);
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
  writeFileSync(path.join(out, "meta.json"), JSON.stringify(meta, null, 1));
} catch (err) {
  process.stderr.write(`[bundle] ${err && (err.stack || err.message) || err}\n`);
  process.exit(1);
}
