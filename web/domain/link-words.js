// @ts-check
// The link decoder's notices as catalogue messages, so the page says them in its language.
// The decoder (link.js, link-sanitize.js) writes each notice as one English line, the very
// words bpcore/link.py writes: tests/link_vectors.json holds them, shared by both codecs, and
// the CLI prints them. Here each line is read back into {key, params}: a whole clause per key
// (link.*), an ending ("; dropped", "; using the defaults", ...) as a message with the clause as
// its place. The English catalogue gives back the decoder's own line (tests/js/link-words.test.mjs
// checks it on every vector); a line no pattern knows is shown as it is (link.as_written).
// Pure: no DOM.

import { msg } from "./i18n.js";

/** A message as domain/i18n.js says it (no type import here: tests/browser/test_link_js.py
 * keeps every dynamic-looking import out of the link modules).
 * @typedef {{key: string, params?: Record<string, unknown>} | string} Message */

const NUM = "(-?[0-9]+)"; // a whole number the decoder wrote: said in the page's number format
const ANY = "(.+?)"; // a value quoted from the link (show()), a name: kept as written
const NAME = "([a-z_0-9]+(?:\\[[0-9]+\\])?)"; // a setting's name as the link spells it

/**
 * [pattern, key, names of the places its groups fill]. A place named in NUMBERS is a number.
 * @type {[RegExp, string, string[]][]}
 */
const CLAUSES = [
  // the link as a whole: these end in "; using the defaults" (the page keeps what it had)
  [/^the link is not text \((.+)\)$/, "link.not_text", ["type"]],
  [re(`the link is too long \\(${NUM} characters, at most ${NUM}\\)`), "link.too_long", ["length", "max"]],
  [/^this is not a BP Playground share link$/, "link.not_a_link", []],
  [/^the link has format (.+), this page reads (.+) and (.+)$/, "link.format", ["format", "first", "second"]],
  [/^the link is damaged \(not base64url text\)$/, "link.not_base64", []],
  [/^the link is damaged \(its checksum does not match: a character was changed, added or lost\)$/, "link.checksum", []],
  [re(`the link inflates to more than ${NUM} bytes`), "link.too_big", ["max"]],
  [/^the link is damaged \(its data does not inflate\)$/, "link.not_deflate", []],
  [/^the link could not be read \(internal error: (.+)\)$/, "link.internal", ["name"]],
  [/^settings: unreadable$/, "link.settings_unreadable", []],
  [/^settings: not a JSON object$/, "link.settings_not_object", []],
  // the training to replay
  [re(`epoch: ${ANY} is not a whole number 0\\.\\.${NUM}`), "link.epoch_bad", ["got", "max"]],
  [re(`edits: ${NUM} weight edits is more than the maximum ${NUM}`), "link.too_many_edits", ["count", "max"]],
  [/^expected \[epoch, layer, i, j, value\]$/, "link.edit_shape", []],
  [re(`its epoch ${ANY} is not a whole number 0\\.\\.${NUM}`), "link.edit_epoch", ["got", "max"]],
  [/^layer, i and j must be whole numbers \(j = -1 for a bias\)$/, "link.edit_index", []],
  [re(`the value ${ANY} is not a finite number`), "link.edit_value", ["got"]],
  [/^the edits are not in the order of their epochs$/, "link.edit_order", []],
  // the points
  [/^points: the point data is truncated; ignored$/, "link.points_truncated", []],
  [re(`points: unknown kind ${NUM}; ignored`), "link.points_kind", ["kind"]],
  [re(`points: the data of ${NUM} points is truncated; ignored`), "link.points_short", ["count"]],
  [re(`points: ${NUM} extra bytes after the points ignored`), "link.points_extra", ["count"]],
  [re(`points: ${NUM} points is more than the maximum ${NUM}; kept the first ${NUM}`), "link.points_too_many", ["count", "max", "max"]],
  [re(`points: dropped ${NUM} points whose class is not 0\\.\\.${NUM}`), "link.points_bad_class", ["count", "max"]],
  [re(`points: ${NUM} usable points of fewer than 2 classes are not enough to train on`), "link.points_one_class", ["count"]],
  [re(`points: ${NUM} usable points are not enough to train on`), "link.points_too_few", ["count"]],
  [/^problem: the points are (\w+) data; using \1$/, "link.points_problem", ["problem"]],
  [re(`classes: the points have ${NUM} classes; using \\1`), "link.points_classes", ["count"]],
  [/^dataset: custom data needs usable points; using (\w+)$/, "link.custom_needs_points", ["dataset"]],
  [/^points: ignored; the (\w+) data set makes its own points$/, "link.points_ignored", ["dataset"]],
  [/^problem: (\w+) is a (\w+) data set; using \2$/, "link.dataset_problem", ["dataset", "problem"]],
  // rules between settings
  [re(`activation: ${NUM} activations for ${NUM} hidden layers; kept the first \\2`), "link.activations_kept", ["count", "layers"]],
  [re(`activation: ${NUM} activations for ${NUM} hidden layers; using (\\w+) for every layer`), "link.activations_one", ["count", "layers", "activation"]],
  [/^loss: (\w+) needs classification; regression uses mse \(or auto\)$/, "link.loss_classification", ["loss"]],
  [/^loss: mse is for regression; classification uses bce or softmax_ce \(or auto\)$/, "link.loss_regression", []],
  [re(`loss: bce needs 2 classes, this problem has ${NUM}; use softmax_ce`), "link.loss_two_classes", ["count"]],
  // one setting at a time (link-sanitize.js)
  [re(`${NAME}: expected a number, got ${ANY}`), "link.expected_number", ["name", "got"]],
  [re(`${NAME}: ${ANY} is not a finite number`), "link.not_finite", ["name", "got"]],
  [re(`${NAME}: ${ANY} is not a whole number; using ${ANY}`), "link.not_whole", ["name", "got", "value"]],
  [re(`${NAME}: ${ANY} must be above ${ANY}`), "link.must_be_above", ["name", "got", "lo"]],
  [re(`${NAME}: ${ANY} is below the minimum ${ANY}; using \\3`), "link.below_minimum", ["name", "got", "lo"]],
  [re(`${NAME}: ${ANY} must be below ${ANY}`), "link.must_be_below", ["name", "got", "hi"]],
  [re(`${NAME}: ${ANY} is above the maximum ${ANY}; using \\3`), "link.above_maximum", ["name", "got", "hi"]],
  [re(`${NAME}: expected a list, got ${ANY}`), "link.expected_list", ["name", "got"]],
  [re(`${NAME}: ${NUM} hidden layers is more than the maximum ${NUM}; kept the first \\3`), "link.too_many_layers", ["name", "count", "max"]],
  [re(`${NAME}: ${NUM} entries is more than the maximum ${NUM}; kept the first \\3`), "link.too_many_entries", ["name", "count", "max"]],
  [re(`${NAME}: ${ANY} is not one of (.+)`), "link.not_a_choice", ["name", "got", "choices"]],
  [re(`${NAME}: ${ANY} appears twice`), "link.appears_twice", ["name", "got"]],
  [re(`${NAME}: no usable entries`), "link.no_entries", ["name"]],
  [re(`${NAME}: expected true or false, got ${ANY}`), "link.expected_bool", ["name", "got"]],
  [/^unknown setting (.+) ignored$/, "link.unknown_setting", ["got"]],
  [re(`… and ${NUM} more problems`), "link.more_problems", ["count"]],
];

/** Endings the decoder adds to a clause: [pattern, key, name of the place after the clause]. */
const ENDINGS = /** @type {[RegExp, string, string | null][]} */ ([
  [/^(.+); using the defaults$/, "link.fell_back", null],
  [/^(.+); the training is not replayed \(epoch 0\)$/, "link.not_replayed", null],
  [/^(.+); using the default ([^;]+)$/, "link.using_default", "value"],
  [/^(.+); using auto$/, "link.using_auto", null],
  [/^(.+); dropped$/, "link.dropped", null],
]);

/** The places that are numbers (said in the page's number format). */
const NUMBERS = new Set(["length", "max", "count", "kind", "layers"]);

/** @param {string} body */
function re(body) {
  return new RegExp(`^${body}$`);
}

/**
 * One decoder notice -> the message that says it. In English it reads as the decoder wrote it
 * (numbers in the page's number format).
 * @param {string} text @returns {Message}
 */
export function linkMessage(text) {
  // an ending first: a clause's last value could otherwise swallow it
  for (const [pattern, key, place] of ENDINGS) {
    const m = pattern.exec(text);
    if (m) return msg(key, place ? { notice: linkMessage(m[1]), [place]: m[2] } : { notice: linkMessage(m[1]) });
  }
  const edit = /^edits\[([0-9]+)\]: (.+)$/.exec(text);
  if (edit) return msg("link.edit", { index: edit[1], notice: linkMessage(edit[2]) });
  for (const [pattern, key, names] of CLAUSES) {
    const m = pattern.exec(text);
    if (m) {
      /** @type {Record<string, unknown>} */
      const params = {};
      names.forEach((name, i) => { params[name] = NUMBERS.has(name) ? Number(m[i + 1]) : m[i + 1]; });
      // a problem type is a word of the page's language ("classification" / "分类")
      if (params.problem === "classification" || params.problem === "regression") {
        params.problem = msg(`link.problem_${params.problem}`);
      }
      return msg(key, params);
    }
  }
  return msg("link.as_written", { text });
}

/** A link's notices as one message (said one after another), or "" for none.
 * @param {string[]} notices @returns {Message} */
export function linkNotices(notices) {
  if (!notices.length) return "";
  const [first, ...rest] = notices;
  return rest.length ? msg("link.then", { first: linkMessage(first), rest: linkNotices(rest) }) : linkMessage(first);
}
