// @ts-check
// Copy a link: to the clipboard, else show it selected in a read-only field for Ctrl+C.

/**
 * @param {string} url
 * @param {HTMLInputElement} field its parent is hidden while the clipboard works
 * @returns {Promise<"copied" | "selected">}
 */
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
