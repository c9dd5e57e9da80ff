// The share link in the address bar: follows the page's settings and drawn points with
// history.replaceState (debounced: one entry, no history spam), and copies it. No app state:
// main.js owns it and passes getters.
//
//   const link = createLinkSync(() => ({settings, points | null}), {delay: 300, onChange(text)})
//   link.schedule()      the state changed: re-encode soon
//   await link.flush()   encode now; -> the fragment text ("v1....") or "" if it failed
//   link.text()          the last fragment written
//   copyLink(url, field) -> Promise<"copied" | "selected">: the clipboard, else the read-only
//                        field shows the link, selected, for Ctrl+C

import { encodeLink } from "./link.js";

export function createLinkSync(get, { delay = 300, onChange = () => {} } = {}) {
  let timer = 0;
  let current = "";
  let running = Promise.resolve("");

  async function write() {
    const { settings, points } = get();
    try {
      const text = await encodeLink(settings, points);
      if (text !== current) {
        current = text;
        const url = new URL(location.href);
        url.hash = text;
        history.replaceState(history.state, "", url.href);
        onChange(text);
      }
    } catch {
      // invalid input (e.g. too few drawn points): keep the last good link
    }
    return current;
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => { running = write(); }, delay);
    },
    flush() {
      clearTimeout(timer);
      running = running.then(write);
      return running;
    },
    text: () => current,
    /** Adopt a fragment that arrived from outside (page load, hashchange). */
    adopt(text) {
      current = text;
    },
  };
}

export async function copyLink(url, field) {
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(url);
    field.parentElement.hidden = true;
    return "copied";
  } catch {
    field.value = url;
    field.parentElement.hidden = false;
    field.focus();
    field.select();
    return "selected";
  }
}
