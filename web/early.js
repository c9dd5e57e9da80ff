// @ts-check
// Starts the engine's worker before the page's other modules have even loaded (index.html runs
// this small module async, ahead of main.js): Pyodide's ~2 s of compiling and importing then
// overlap loading and wiring the page. main.js adopts this engine and listen()s to it; the
// events that came before are kept for it.

import { Engine } from "./engine.js";

// Embedded in another page (`?embed`, classroom-mount.js): marked before the first paint, so the
// header never flashes in the frame
if (new URLSearchParams(location.search).has("embed")) document.documentElement.dataset.embed = "";

export const engine = new Engine(null);
engine.start();
