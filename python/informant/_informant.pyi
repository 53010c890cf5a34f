"""Native module (Rust). Use the functions re-exported by ``informant``."""

__version__: str

class Error(Exception):
    """Base class of every informant error."""

def parse_json(text: str, format: str = "auto", tokens: bool = False) -> str: ...
