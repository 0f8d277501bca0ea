"""The environment of the processes a benchmark measures: the package byte-compiled, as a pip install leaves it.

Python writes each module's bytecode beside it (``__pycache__``) the first time it imports it, and ``pip install``
compiles the whole package; a process then reads the bytecode instead of compiling the source. A shell with
``PYTHONDONTWRITEBYTECODE=1`` (some sandboxes and CI images set it) writes none, so every ``jsec`` process measured
compiled every module of jsec_data it imported again (about 0.15 s for the whole package on a 2-core VM), which no
installed copy does. :func:`environment` drops that variable for the measured processes and points
``PYTHONPYCACHEPREFIX`` at a folder of the system's temporary directory (the source tree stays clean), which
:func:`environment` fills once, before anything is measured.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["environment"]


def environment() -> dict[str, str]:
    """``os.environ`` for a measured process, with jsec_data's bytecode compiled and kept (see the module)."""
    import jsec_data

    package = Path(jsec_data.__file__).resolve().parent
    key = hashlib.sha256(f"{package}\n{sys.version}".encode()).hexdigest()[:12]
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / f"jsec-bench-pycache-{key}")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return env
