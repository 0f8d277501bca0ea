"""Re-export of :mod:`jsec_data.raw.yamlfiles`."""

from jsec_data.raw.yamlfiles import *  # noqa: F403
