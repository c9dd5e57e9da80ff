// @ts-check
// Numbers for tests and benchmarks (window.bp.stats): when the page became usable, ready, first
// drew; what the engine and the pump did. Counters only: nothing reads them to decide anything.

export function createStats() {
  return {
    t0: performance.now(), usableAt: null, readyAt: null, sessionAt: null, firstHeatmapAt: null,
    previewAt: null, maps: 0, chunks: 0, epochsTrained: 0, workerMs: 0, trainMs: 0, lastChunkMs: 0, frames: 0,
    progress: /** @type {[string, number, number][]} */ ([]),
  };
}
