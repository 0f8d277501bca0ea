"""``python -m jsec_data``: the ``jsec`` command, for environments without the console script on PATH."""

from jsec_data.cli import main

if __name__ == "__main__":  # pragma: no cover - run as a module
    main()
