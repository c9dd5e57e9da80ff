// @ts-check
// The comparison's panel (#compare-root): run B's settings as a form, the two maps side by side
// (stacked on a phone), both loss curves on one chart with a key (A solid, B dashed), what
// differs in words, "Stop comparing". A dumb widget: it draws what it is given and reports
// the user's changes; its words come from the translator handed to setLanguage.
//
//   const panel = new ComparePanel(root, {onChange(name, value), onStop(), onError(message)})
//   panel.show(on); panel.setForm(settings); panel.maps: [Heatmap, Heatmap]; panel.chart
//   panel.setWords({shared, verdict: [text...]}); panel.setLanguage(t)

import { parseLayers } from "../domain/layout.js";
import { FORM, choicesOf } from "../domain/compare.js";
import { el } from "./dom.js";
import { Heatmap } from "./heatmap.js";
import { LineChart } from "./linechart.js";

/** @typedef {{t: (key: string, params?: Record<string, unknown>) => string}} Words */

const css = (/** @type {string} */ name, /** @type {string} */ fallback) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

export class ComparePanel {
  /**
   * @param {HTMLElement} root
   * @param {{onChange: (name: string, value: unknown) => void, onStop: () => void,
   *   onError: (error: any) => void}} on
   */
  constructor(root, { onChange, onStop, onError }) {
    this.root = root;
    /** @type {Words} */
    this.words = { t: (k) => k };
    /** @type {Map<string, HTMLSelectElement | HTMLInputElement>} */
    this.fields = new Map();
    /** @type {Map<string, HTMLElement>} the texts said in the page's language, by key */
    this.labels = new Map();
    const say = (/** @type {HTMLElement} */ e, /** @type {string} */ key) => { this.labels.set(key, e); return e; };

    const form = el("fieldset", "cmp-form");
    form.append(say(el("legend"), "compare.b_settings"));
    const grid = el("div", "cmp-fields");
    for (const f of FORM) {
      const id = `cmp-${f.name}`;
      const box = el("div", "field");
      const label = /** @type {HTMLLabelElement} */ (el("label"));
      label.htmlFor = id;
      this.labels.set(`field.${f.name}`, label);
      const input = f.kind === "layers" ? /** @type {HTMLInputElement} */ (el("input")) : /** @type {HTMLSelectElement} */ (el("select"));
      input.id = id;
      input.dataset.bSetting = f.name;
      if (input instanceof HTMLInputElement) Object.assign(input, { type: "text", inputMode: "numeric", autocomplete: "off", spellcheck: false });
      input.addEventListener("change", () => {
        const v = this._read(f, input);
        if (v.error) onError(v.error);
        else onChange(f.name, v.value);
      });
      box.append(label, input);
      grid.append(box);
      this.fields.set(f.name, input);
    }
    form.append(grid, say(el("p", "hint"), "compare.restart_note"));

    const maps = el("div", "cmp-maps");
    /** @type {Heatmap[]} */
    this.maps = [];
    for (const [run, cap, aria] of [["a", "compare.map_a", "compare.map_a_label"], ["b", "compare.map_b", "compare.map_b_label"]]) {
      const fig = el("figure", `cmp-map cmp-map-${run}`);
      const canvas = /** @type {HTMLCanvasElement} */ (el("canvas"));
      Object.assign(canvas, { width: 300, height: 300, id: `cmp-map-${run}` });
      canvas.setAttribute("role", "img");
      this.labels.set(aria, canvas);
      fig.append(say(el("figcaption"), cap), canvas);
      maps.append(fig);
      this.maps.push(new Heatmap(canvas));
    }
    this.sharedLine = el("p", "hint cmp-shared");

    const chartBox = el("figure", "cmp-chart");
    this.chartTitle = el("figcaption", "", "");
    this.chartTitle.id = "cmp-chart-title";
    const key = el("span", "chart-key cmp-key");
    key.setAttribute("aria-hidden", "true");
    key.append(say(el("span", "key key-a"), "compare.key_a"), say(el("span", "key key-b"), "compare.key_b"));
    const canvas = /** @type {HTMLCanvasElement} */ (el("canvas", "loss-chart"));
    Object.assign(canvas, { width: 600, height: 120, tabIndex: 0, id: "cmp-chart" });
    canvas.setAttribute("aria-labelledby", "cmp-chart-title");
    canvas.setAttribute("aria-describedby", "cmp-readout");
    this.labels.set("compare.chart_role", canvas);
    this.readout = el("p", "chart-readout");
    this.readout.id = "cmp-readout";
    this.readout.setAttribute("aria-live", "polite");
    chartBox.append(this.chartTitle, key, canvas, this.readout);
    const series = () => [
      { name: "A", colour: css("--chart-train", "#0072b2") },
      { name: "B", colour: css("--chart-test", "#d55e00"), dash: [6, 4] },
    ];
    this.chart = new LineChart(canvas, series, { readout: this.readout });

    /** @type {HTMLElement[]} */
    this.parts = [];
    this.verdict = el("p", "cmp-verdict");
    this.verdict.id = "cmp-verdict";
    this.verdict.setAttribute("role", "status");
    const stop = el("button", "cmp-stop");
    Object.assign(stop, { type: "button", id: "compare-stop" });
    stop.addEventListener("click", onStop);
    say(stop, "compare.stop");
    // in the page only while comparing: one run's page has one field per label, as before
    this.parts = [form, maps, this.sharedLine, chartBox, this.verdict, stop];
  }

  /** @param {{name: string, kind: string}} f @param {HTMLSelectElement | HTMLInputElement} input
   * @returns {{value?: unknown, error?: any}} */
  _read(f, input) {
    if (f.kind === "layers") {
      const r = parseLayers(input.value);
      return "error" in r ? { error: r.error } : { value: r.layers };
    }
    if (f.kind === "number") return { value: Number(input.value) };
    return { value: f.name === "activation" ? [input.value] : input.value };
  }

  /** Show the panel's parts (comparing) or take them out of the page. @param {boolean} on */
  show(on) {
    if (on === !this.root.hidden) return;
    this.root.hidden = !on;
    if (on) this.root.replaceChildren(...this.parts);
    else this.root.replaceChildren();
  }

  /** The form shows B's settings (the field being typed in keeps its text). @param {Record<string, any>} s */
  setForm(s) {
    for (const f of FORM) {
      const input = /** @type {any} */ (this.fields.get(f.name));
      if (document.activeElement === input && f.kind === "layers") continue;
      const v = f.name === "activation" ? s.activation[0] : s[f.name];
      if (f.kind === "layers") { input.value = v.join(", "); continue; }
      const values = f.kind === "number" ? /** @type {any[]} */ (f.values) : choicesOf(f.name);
      const want = [...new Set([...values, v])].map(String);
      if ([...input.options].map((o) => o.value).join("|") !== want.join("|")) {
        input.replaceChildren(...want.map((x) => new Option(x, x)));
        this._optionWords(input, f);
      }
      input.value = String(v);
    }
  }

  /** @param {HTMLSelectElement} input @param {{name: string, kind: string}} f */
  _optionWords(input, f) {
    if (f.kind !== "choice") return;
    for (const o of input.options) o.textContent = this.words.t(`choice.${o.value}`);
  }

  /** @param {{shared: string, title: string, verdict: string[]}} w */
  setWords({ shared, title, verdict }) {
    this.sharedLine.textContent = shared;
    this.chartTitle.textContent = title;
    const text = verdict.join(" ");
    if (this.verdict.textContent !== text) this.verdict.textContent = text;
  }

  /** Say the panel in another language. @param {Words} t */
  setLanguage(t) {
    this.words = t;
    for (const [key, e] of this.labels) {
      if (e instanceof HTMLCanvasElement) e.setAttribute(key === "compare.chart_role" ? "aria-roledescription" : "aria-label", t.t(key));
      else e.textContent = t.t(key);
    }
    for (const f of FORM) this._optionWords(/** @type {any} */ (this.fields.get(f.name)), f);
  }
}
