"""Re-export of :mod:`jsec_data.core.models`."""

from jsec_data.core.models import *  # noqa: F403
