"""Build the MOU agreements: `python build.py --help`."""

from mou.cli.main import main_entry

if __name__ == "__main__":
    main_entry()
