// @ts-check
// A recording of a canvas repainted while it runs: MediaRecorder on the canvas's stream, one
// frame per repaint (at most `fps` a second), stopped by stop() or at the time limit. MP4 where
// the browser records it (slides software plays it everywhere), else WebM (VP9, VP8).
//
//   const r = new Recorder({paint(canvas), fps, limitMs, onTick(ms), onDone(blob, extension)});
//   r.start(); r.stop(); Recorder.supported()

const TYPES = [
  ["video/mp4;codecs=avc1", "mp4"],
  ["video/webm;codecs=vp9", "webm"],
  ["video/webm;codecs=vp8", "webm"],
  ["video/webm", "webm"],
];

/** The first container and codec this browser records, or null. @returns {[string, string] | null} */
export function recordingType() {
  if (typeof MediaRecorder === "undefined" || !HTMLCanvasElement.prototype.captureStream) return null;
  const hit = TYPES.find(([type]) => MediaRecorder.isTypeSupported(type));
  return hit ? /** @type {[string, string]} */ (hit) : null;
}

export class Recorder {
  /**
   * @param {{paint: (canvas: HTMLCanvasElement) => void, fps?: number, limitMs: number,
   *   onTick: (ms: number) => void, onDone: (blob: Blob, extension: string) => void}} opts
   */
  constructor(opts) {
    this.opts = opts;
    this.canvas = document.createElement("canvas");
    this.recorder = /** @type {MediaRecorder | null} */ (null);
  }

  static supported() {
    return recordingType() !== null;
  }

  start() {
    const found = recordingType();
    if (!found || this.recorder) return false;
    const [type, extension] = found;
    const { paint, fps = 20, limitMs, onTick, onDone } = this.opts;
    paint(this.canvas); // its size is the video's
    const stream = this.canvas.captureStream(0);
    const track = /** @type {CanvasCaptureMediaStreamTrack} */ (stream.getVideoTracks()[0]);
    const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 5_000_000 });
    /** @type {Blob[]} */
    const chunks = [];
    recorder.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    recorder.onstop = () => {
      track.stop();
      onDone(new Blob(chunks, { type: type.split(";")[0] }), extension);
    };
    const began = performance.now();
    let last = -Infinity;
    const frame = (/** @type {number} */ now) => {
      if (this.recorder !== recorder) return;
      const ms = now - began;
      if (ms >= limitMs) return this.stop();
      if (now - last >= 1000 / fps) {
        last = now;
        paint(this.canvas);
        track.requestFrame();
        onTick(ms);
      }
      requestAnimationFrame(frame);
    };
    this.recorder = recorder;
    recorder.start(500);
    track.requestFrame();
    requestAnimationFrame(frame);
    return true;
  }

  stop() {
    const r = this.recorder;
    this.recorder = null;
    if (r && r.state !== "inactive") r.stop();
  }
}
