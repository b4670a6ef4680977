"""Gõ Cửa entry point: no arguments opens the window; `python main.py <command>` runs the command line."""
import sys


def run() -> int:
    """Dispatch to the window or the command line."""
    from canvass.cli import COMMANDS, main as cli_main

    args = sys.argv[1:]
    if args and not args[0].startswith("-") and args[0] in COMMANDS():
        return cli_main(args)
    if args and args[0] in ("-h", "--help") and len(args) == 1:
        return cli_main(args)
    if args and args[0] == "--db" and len(args) > 2 and args[2] in COMMANDS():
        return cli_main(args)
    from ui.app import main as ui_main

    return ui_main(args)


if __name__ == "__main__":
    sys.exit(run())
