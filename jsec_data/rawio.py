"""Re-export of :mod:`jsec_data.raw.files`."""

from jsec_data.raw.files import *  # noqa: F403
