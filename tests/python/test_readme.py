"""The README's Python example runs as written (from the repository's root)."""

from __future__ import annotations

import os
import re

import pytest

from conftest import ROOT


def test_readme_python_example() -> None:
    pytest.importorskip("pandas", reason="the example builds a DataFrame")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        scope: dict = {}
        exec(compile(match.group(1), "README.md", "exec"), scope)
    finally:
        os.chdir(cwd)
    assert len(scope["docs"]) == 2 and scope["docs"][1].id == "report-2"
