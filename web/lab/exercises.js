// @ts-check
// The Python lab's exercises in order (bpcore/lab/exercises.py has the same ids, names and
// plug parts: tests/test_lab_content.py checks it). `section` is the lesson section
// (web/lesson/) each one belongs to: its "Try it in the lab" button opens it. `names` are what
// the student's code defines; `plug` the part of the playground a passed exercise can replace.

/** @typedef {{id: string, section: string, names: readonly string[], plug: "activation" | "loss" | "dense" | null}} LabExercise */

/** @type {LabExercise[]} */
const LIST = [
  { id: "sigmoid", section: "forward", names: ["sigmoid", "sigmoid_prime"], plug: null },
  { id: "forward", section: "forward", names: ["forward"], plug: null },
  { id: "loss", section: "loss", names: ["loss"], plug: null },
  { id: "delta_out", section: "output", names: ["delta_out"], plug: null },
  { id: "delta_hidden", section: "hidden", names: ["delta_hidden"], plug: null },
  { id: "gradients", section: "update", names: ["gradients", "sgd_update"], plug: null },
  { id: "classes", section: "and", names: ["Dense", "Loss", "Net"], plug: null },
  { id: "plug_activation", section: "slip", names: ["f", "df"], plug: "activation" },
  { id: "plug_loss", section: "loss", names: ["loss", "delta"], plug: "loss" },
  { id: "plug_dense", section: "hidden", names: ["backward"], plug: "dense" },
];

/** @type {readonly LabExercise[]} */
export const EXERCISES = Object.freeze(LIST.map((e) => Object.freeze({ ...e, names: Object.freeze([...e.names]) })));
