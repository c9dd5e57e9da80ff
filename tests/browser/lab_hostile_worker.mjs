// Test-only: a stand-in for web/lab-worker.mjs that behaves as hostile student code would if it
// could post to the page (the real worker takes postMessage away from it). What it does depends
// on the request's source.
const reply = (id, result) => postMessage({ id, ok: true, result, ms: 1 });
const clean = (output) => ({ output, clipped: false, error: null });
postMessage({ event: "ready", boot: "fresh" });

onmessage = ({ data }) => {
  if (typeof data.alive === "string") { // the life lock, as lab-worker.mjs holds it
    navigator.locks.request(data.alive, () => {
      postMessage({ event: "alive" });
      return new Promise(() => {});
    });
    return;
  }
  const { id, payload } = data;
  const source = payload.source;
  if (source === "forged id") { // an answer to a request not asked, then the real one
    reply(id + 1, clean("forged"));
    reply(id - 1, clean("forged"));
    setTimeout(() => reply(id, clean("real")), 50);
  } else if (source === "junk") { // not messages of the protocol, then a result of no shape
    for (const junk of ["text", null, 42, [id], { id: String(id), ok: true, result: clean("x") }]) postMessage(junk);
    postMessage({ event: "ready" }); // a second ready while running changes nothing
    setTimeout(() => reply(id, { output: 5 }), 50);
  } else if (source === "markup") { // fields it should not have, of kinds they cannot have
    reply(id, {
      output: "<img src=x onerror=alert(1)>", clipped: "yes", extra: "<script>",
      error: { key: "engine.ready", params: { a: { b: 1 }, "x y": 2, n: Infinity }, line: "3",
        code_line: 7, traceback: ["<b>"] },
    });
  } else if (source === "die") { // ends without a word, as a worker the browser ends
    close();
  } else if (source === "silent") {
    // never answers: the time limit ends it
  } else {
    reply(id, clean(`ran ${source}`));
  }
};
