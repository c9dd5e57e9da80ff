// @ts-check
// The lab's deep links: `#lab` opens the Python lab, `#lab/<exercise>` on that exercise. They
// cannot be taken for share links, which always start with `v<digits>.` (domain/link.js), so
// the page reads them first and opens no share link for them (app/link-open.js never sees
// them): the page then starts from storage as it would without a fragment.
//
//   labTarget(hash) -> null (not the lab's) | {exercise: string | null}

const LAB = /^#?lab(?:\/([A-Za-z0-9_-]{0,40}))?\/?$/;

/** @param {string} hash the address's fragment, with or without its "#" */
export function labTarget(hash) {
  const m = LAB.exec(String(hash || "").trim());
  if (!m) return null;
  return { exercise: m[1] ? m[1].toLowerCase() : null };
}

/** The fragment of the lab on an exercise. @param {string | null} exercise */
export const labHash = (exercise) => (exercise ? `#lab/${exercise}` : "#lab");
