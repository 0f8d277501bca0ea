"""Re-export of :mod:`jsec_data.core.issues`."""

from jsec_data.core.issues import *  # noqa: F403
