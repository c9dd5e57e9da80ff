"""bpcore: a small NumPy backpropagation engine for BP Playground."""

from .network import Network
from .session import Session
from .optim import make_optimizer

__version__ = "0.1.0"
__all__ = ["Network", "Session", "make_optimizer", "__version__"]
