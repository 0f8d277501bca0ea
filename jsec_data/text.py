"""Re-export of :mod:`jsec_data.core.text`."""

from jsec_data.core.text import *  # noqa: F403
