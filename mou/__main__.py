"""`python -m mou`: the same command line as `python build.py`."""

from mou.cli.main import main_entry

main_entry()
