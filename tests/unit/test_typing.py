"""Users' code type-checks against the library: the README's Python example passes mypy --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_package_says_it_is_typed() -> None:
    assert resources.files("explorer").joinpath("py.typed").is_file()


def test_the_readme_python_example_passes_mypy_strict(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    example = tmp_path / "example.py"
    example.write_text(code, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(example)],
        cwd=ROOT,  # the editable install's import hook is invisible to mypy; the tree is not
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
