"""The share link's numbers: format, bit widths, and the limits a hostile link meets.

Every constant here is exported to the page (bpcore/webtable.py -> web/domain/settings.js,
`LINK`), so the JS codec never writes one of them itself."""

from ..datasets import HI, LO, MAX_CLASSES, MAX_POINTS, MIN_CLASSES, MIN_POINTS  # noqa: F401
from ..lab.exercises import EXERCISES

VERSION = 2
PREFIX = f"v{VERSION}."
READS = ("v1", "v2")  # the formats a decoder opens
CHECK_BYTES = 4  # v2: CRC-32 of the deflated bytes, big endian, after them
MAX_EPOCH = 1_000_000  # of a link's training to replay
MAX_EDITS = 100  # weight edits in a link
MAX_INDEX = 1000  # of a layer, neuron or input in an edit (the engine checks the real shape)
X_LO, X_HI, X_BITS = LO, HI, 12  # coordinates: the view window
Y_LO, Y_HI, Y_BITS = -1.0, 1.0, 8  # regression values
CLASS_BITS = 3  # class labels 0..MAX_CLASSES-1
KIND_CLASSIFICATION, KIND_REGRESSION = 0, 1
MAX_LINK_CHARS = 100_000  # of the fragment, before decoding (UTF-16 units, as JavaScript counts)
MAX_PAYLOAD = 256 * 1024  # bytes after inflating: a zip bomb stops here
MAX_DEPTH = 20  # JSON nesting (the settings need 2)
MAX_NOTICES = 20
MAX_SHOWN = 40  # characters of a hostile string quoted in a notice
MAX_CODE_BYTES = 16_384  # of a link's lab code (UTF-8): a longer code does not travel
# the settings run B of a comparison may change (bpcore/compare.py; a link's "compare" part)
COMPARE_KEYS = tuple(
    "layers activation loss init optimizer lr momentum beta1 beta2 batch_size reg reg_rate".split()
)
LAB_PLUGS = {e.id: e.plug is not None for e in EXERCISES}  # a link's lab exercises: plug part?


def exported():
    """{name: value}: the constants the page's codec uses (web/domain/settings.js `LINK`)."""
    names = (
        "VERSION PREFIX READS CHECK_BYTES MAX_EPOCH MAX_EDITS MAX_INDEX X_LO X_HI X_BITS "
        "Y_LO Y_HI Y_BITS CLASS_BITS KIND_CLASSIFICATION KIND_REGRESSION MIN_POINTS "
        "MIN_CLASSES MAX_CLASSES MAX_POINTS MAX_LINK_CHARS MAX_PAYLOAD MAX_DEPTH MAX_NOTICES "
        "MAX_SHOWN MAX_CODE_BYTES LAB_PLUGS COMPARE_KEYS"
    ).split()
    g = globals()
    return {n: list(g[n]) if isinstance(g[n], tuple) else g[n] for n in names}
