"""A link's lab part: the exercise shown in the Python lab and its code, and whether the run
trained with that code plugged in (issue 21: a teacher shares an exercise or a solution).

In the payload JSON it is the key "lab": {"exercise": id, "code": text[, "plugged": true]}
("plugged" only for an exercise with a plug part; the code is then the code trained with).
Nothing here runs the code: the page shows it and runs it only when the user presses Run (or
consents to plug it in); `python -m bpcore replay` refuses it unless --trust-code.
A lab part that cannot be used is dropped with one notice; as it may have been a plugged run,
the training is then dropped too (epoch 0): it would replay to other numbers."""

from .limits import LAB_PLUGS as PLUGS
from .limits import MAX_CODE_BYTES
from .notices import show

KEY = "lab"


def code_bytes(code):
    """The UTF-8 size of the code, or None when it is not text (a lone surrogate)."""
    try:
        return len(code.encode("utf-8"))
    except UnicodeEncodeError:
        return None


def problem(lab):
    """The payload's lab part -> (code, params) of why it is unusable, or None."""
    if not isinstance(lab, dict):
        return "lab_not_object", {"got": show(lab)}
    ex, code, plugged = lab.get("exercise"), lab.get("code"), lab.get("plugged", False)
    if not isinstance(ex, str) or ex not in PLUGS:
        return "lab_exercise", {"got": show(ex)}
    if not isinstance(code, str):
        return "lab_code", {"got": show(code)}
    size = code_bytes(code)
    if size is None:
        return "lab_code_text", {}
    if size > MAX_CODE_BYTES:
        return "lab_code_long", {"bytes": size, "max": MAX_CODE_BYTES}
    if plugged is not False and (plugged is not True or not PLUGS[ex]):
        return "lab_plugged", {"got": show(plugged), "exercise": ex}
    return None


def lab_part(raw, trained, note):
    """The payload object's lab part -> ({exercise, code, plugged} | None, trained): an unusable
    part is dropped with one notice, and with it the training (it may have been plugged)."""
    if KEY not in raw:
        return None, trained
    why = problem(raw[KEY])
    if why is not None:
        epoch, edits = trained
        note.add(why[0], **why[1], then="not_replayed" if epoch or edits else "no_code")
        return None, (0, [])
    lab = raw[KEY]
    return {
        "exercise": lab["exercise"],
        "code": lab["code"],
        "plugged": lab.get("plugged") is True,
    }, trained


def check_lab(lab):
    """-> the lab part as the payload holds it, or ValueError: what encode_link accepts."""
    if lab is None:
        return None
    lab = {"exercise": lab.get("exercise"), "code": lab.get("code"),
           "plugged": bool(lab.get("plugged", False))}  # fmt: skip
    why = problem(lab)
    if why is not None:
        raise ValueError(f"lab: {why[0]} {why[1]}")
    out = {"exercise": lab["exercise"], "code": lab["code"]}
    if lab["plugged"]:
        out["plugged"] = True
    return out
