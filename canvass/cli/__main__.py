"""`python -m canvass.cli COMMAND ...`: the same as `canvass COMMAND ...`."""
import sys

from canvass.cli import main

if __name__ == "__main__":      # importing this module (a test imports every module) runs nothing
    sys.exit(main())
