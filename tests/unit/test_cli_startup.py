"""The command line starts fast: the driver is imported without the DataFrame libraries."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
from explorer.cli import import_driver_alone
import_driver_alone()
import neo4j._optional_deps as optional
assert optional.pd is None and optional.np is None, "the driver took pandas or numpy"
assert "pandas" not in sys.modules and "numpy" not in sys.modules
import pandas  # still importable afterwards, for the loader's country codes
print("ok")
"""


def test_the_cli_imports_the_driver_without_pandas_and_pandas_still_imports() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
