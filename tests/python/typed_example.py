"""A typed use of the package; `mypy --strict` must accept it (checked by tests/run.sh)."""

from __future__ import annotations

from typing import Any, Dict, List

import informant


def sentences(text: str) -> List[str]:
    doc: Dict[str, Any] = informant.parse(text, format="text")
    body: str = doc["text"]
    return [body[s["start"]:s["end"]] for s in doc["sentences"]]


if __name__ == "__main__":
    print(sentences("One. Two."))
