"""Gõ Cửa entry point: `python main.py [--db PATH]` opens the window; `python main.py [--db PATH] COMMAND ...`
runs the command line (the same as `canvass COMMAND ...`)."""
import sys


def is_command_line(args: list[str]) -> bool:
    """True when the arguments name a command of the command line (after an optional --db). Only options
    (the window's): no need to load the command line's modules, which would delay the window by a second."""
    from ui.app import only_window_options

    if only_window_options(args):
        return False
    from canvass.cli import COMMANDS, command_of

    name = command_of(args)
    if name is not None:
        return name in COMMANDS
    # no command: the command line's help when "-h"/"--help" comes last after nothing but --db
    return args[-1:] in (["-h"], ["--help"]) and command_of(args[:-1] + ["_"]) == "_"


def run() -> int:
    """Dispatch to the command line or the window."""
    args = sys.argv[1:]
    if is_command_line(args):
        from canvass.cli import main as cli_main

        return cli_main(args)
    from ui.app import main as ui_main

    return ui_main(args)


if __name__ == "__main__":
    sys.exit(run())
