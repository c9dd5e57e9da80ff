"""web/domain/settings.js: every fact the page shares with bpcore, as one generated ES module.

The settings table (bpcore/settings.py), the data sets' titles and kinds (datasets.py), the input
features' labels (features.py), the view window and the limits on points and classes, and what
picking the seed article's examples also sets (presets.py); which loss fits which problem
(settings.LOSS_FIT, AUTO_LOSS); the share link's numbers (link/limits.py, `LINK`) and its notice
codes with what each can end in (link/notices.py: `LINK_NOTICES`, `LINK_THEN`); how a
TensorFlow Playground link maps to ours (link/tfplay.py: `TF_LINK`). The page never
writes these facts itself; tests/test_webtable.py fails when the committed file is stale.
Regenerate with `python -m bpcore settings-js web/domain/settings.js`.
"""

import json

from . import csvio, datasets, features, presets
from . import settings as st
from .link import classroom, tfplay
from .link import limits as link_limits
from .link import notices as link_notices

PATH = "web/domain/settings.js"


def _const(name, value):
    frozen = isinstance(value, (list, dict))
    text = json.dumps(value, ensure_ascii=False)
    return f"export const {name} = {'deepFreeze(' if frozen else ''}{text}{')' if frozen else ''};"


def facts():
    """{constant name: JSON-able value}: what the page gets besides the table."""
    sets = {
        name: {
            "title": d.title,
            "problem": d.problem,
            "takesClasses": d.takes_classes,
            "fixed": d.fixed,
            "view": list(d.view),
        }
        for name, d in datasets.DATASETS.items()
    }
    sets["custom"] = {
        "title": datasets.CUSTOM_TITLE,
        "problem": None,
        "takesClasses": True,
        "fixed": False,
        "view": [datasets.LO, datasets.HI],
    }
    return {
        "DATASETS": sets,
        "REGRESSION_DATASETS": list(st.REGRESSION_DATASETS),
        "MULTICLASS_DATASETS": list(st.MULTICLASS_DATASETS),
        "FEATURES": {
            name: {"label": f.label, "spoken": f.spoken} for name, f in features.FEATURES.items()
        },
        "VIEW": [datasets.LO, datasets.HI],
        "MAX_CLASSES": datasets.MAX_CLASSES,
        "MAX_POINTS": datasets.MAX_POINTS,
        "MAX_CSV_CHARS": csvio.MAX_CHARS,
        "SUGGESTED": presets.SUGGESTED,
        "PACE": presets.PACE,
        "DEEP": presets.DEEP,
        "MIN_POINTS": datasets.MIN_POINTS,
        "MIN_CLASSES": datasets.MIN_CLASSES,
        "LOSS_FIT": st.LOSS_FIT,
        "AUTO_LOSS": st.AUTO_LOSS,
        "LINK": link_limits.exported(),
        "LINK_NOTICES": list(link_notices.TEXT),
        "LINK_THEN": list(link_notices.THEN),
        "TF_LINK": tfplay.exported(),
        "CLASSROOM": classroom.exported(),
    }


def settings_js():
    """The text of web/domain/settings.js."""
    rows = [json.dumps(t._asdict(), ensure_ascii=False) for t in st.TABLE]
    return "\n".join(
        [
            f"// GENERATED from bpcore by `python -m bpcore settings-js {PATH}` "
            "(bpcore/webtable.py).",
            "// Do not edit: change bpcore and export again (tests/test_webtable.py checks).",
            "",
            "const deepFreeze = (v) => {",
            '  if (v && typeof v === "object") Object.values(v).forEach(deepFreeze);',
            "  return Object.freeze(v);",
            "};",
            "",
            "/** Every setting: {name, kind, default, help, choices, lo, hi, lo_open, hi_open,",
            " * min_len, max_len, unique, live}, as in bpcore/settings.py. */",
            "export const TABLE = deepFreeze([",
            *[f"  {r}," for r in rows],
            "]);",
            "export const SETTINGS = new Map(TABLE.map((s) => [s.name, s]));",
            "export const DEFAULTS = deepFreeze(Object.fromEntries(TABLE.map((s) => "
            "[s.name, s.default])));",
            *[_const(k, v) for k, v in facts().items()],
            "",
        ]
    )
