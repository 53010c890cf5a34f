"""The `>>>` examples in the package's docstrings run and hold."""

from __future__ import annotations

import doctest

import pytest

import informant
import informant._frames
import informant._html


@pytest.mark.parametrize("module", [informant, informant._frames, informant._html])
def test_docstring_examples(module: object) -> None:
    failures, tried = doctest.testmod(module, verbose=False)  # type: ignore[arg-type]
    assert tried > 0 and failures == 0
