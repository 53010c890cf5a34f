"""informant: structure and entities from news and intelligence reports.

>>> import informant
>>> doc = informant.parse("Assad in Moscow\\n\\nHe was granted asylum. Russia confirmed it.")
>>> doc["title"]
{'start': 0, 'end': 15}
>>> [doc["text"][s["start"]:s["end"]] for s in doc["sentences"]][1:]
['He was granted asylum.', 'Russia confirmed it.']
"""

from __future__ import annotations

import json
from typing import Any, Dict

from informant._informant import Error, __version__, parse_json

__all__ = ["Error", "__version__", "parse"]


def parse(text: str, format: str = "auto", tokens: bool = False) -> Dict[str, Any]:
    """Parse ``text`` into the JSON contract as a dict (offsets are code points).

    ``format`` is ``"auto"``, ``"text"`` or ``"markdown"``. A non-``str`` raises ``TypeError``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    result: Dict[str, Any] = json.loads(parse_json(text, format, tokens))
    return result
