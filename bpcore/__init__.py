"""bpcore: a small NumPy backpropagation engine for BP Playground."""

from .network import Network
from .optim import make_optimizer
from .session import Session

__version__ = "0.1.0"
__all__ = ["Network", "Session", "make_optimizer", "__version__"]
