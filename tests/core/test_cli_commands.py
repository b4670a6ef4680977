"""The command line's layout: one static table says which module defines each command, `--help` lists them all,
and running one command imports its own module and what that command needs, not every area (issues 10 and 14)."""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import canvass
from canvass import cli
from tests.factories import make_commune

HEAVY = ("openpyxl", "xlsxwriter", "fpdf", "cv2", "numpy", "python_calamine", "segno", "phonenumbers")
AREAS = ("canvass.importing", "canvass.exporting", "canvass.packs", "canvass.scan")


def _commands(parser) -> list[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_each_command_is_defined_by_the_module_the_table_names():
    """A module's parser holds exactly the commands COMMANDS gives it, and together they are the full parser."""
    for module in dict.fromkeys(cli.COMMANDS.values()):
        assert _commands(cli.build_parser([module])) == sorted(c for c, m in cli.COMMANDS.items() if m == module)
    assert _commands(cli.build_parser()) == sorted(cli.COMMANDS)


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert [name for name in cli.COMMANDS if not re.search(rf"^    {name}\b", out, re.M)] == []


def test_an_unknown_command_or_a_missing_action_shows_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--db", "x.db", "imports"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'imports'" in err and all(f"'{name}'" in err for name in cli.COMMANDS)
    assert cli.main(["walklist"]) == 2       # `walklist` without its action: the whole help, no database opened
    out = capsys.readouterr().out
    assert all(re.search(rf"^    {name}\b", out, re.M) for name in cli.COMMANDS)


@pytest.mark.parametrize("argv,found", [(["--db", "a.db", "stats"], "stats"), (["--db=a.db", "pack", "export"], "pack"),
                                        (["import", "--db", "x"], "import"), (["--db", "a.db"], None),
                                        (["-h", "stats"], None), ([], None)])
def test_the_command_is_found_after_the_database_option(argv, found):
    assert cli.command_of(argv) == found


def _run_fresh(argv: list[str]) -> tuple[int, list[str]]:
    """Run `canvass ARGV` in a new interpreter; returns its status and the project and heavy modules it loaded."""
    code = ("import sys\nfrom canvass.cli import main\n"
            "try:\n    rc = main(sys.argv[1:])\nexcept SystemExit as exc:\n    rc = exc.code\n"
            f"wanted = {HEAVY + AREAS + ('canvass.cli', 'sqlalchemy')!r}\n"
            "print(rc, *sorted(m for m in sys.modules if m.startswith(wanted)), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)
    last = proc.stderr.strip().splitlines()[-1].split()
    return int(last[0]), last[1:]


def test_one_command_imports_its_own_module_and_no_other_area(db, tmp_path):
    """`canvass stats` loads the campaign module of the command line and none of the importer, exports, packs,
    photos or their libraries; a .csv export loads the exports module but not XlsxWriter."""
    make_commune(db)
    rc, loaded = _run_fresh(["--db", db.url, "stats", "--json"])
    assert rc == 0
    assert [m for m in loaded if m.startswith("canvass.cli.")] == ["canvass.cli.campaign"]
    assert [m for m in loaded if m.startswith(HEAVY + AREAS)] == []
    rc, loaded = _run_fresh(["--db", db.url, "export", "absent", str(tmp_path / "absent.csv")])
    assert rc == 0 and (tmp_path / "absent.csv").exists()
    assert [m for m in loaded if m.startswith("canvass.cli.")] == ["canvass.cli.exports"]
    assert [m for m in loaded if m.startswith(HEAVY)] == []


def test_help_builds_every_module_without_the_database_layer():
    """`canvass --help` imports every command module, and neither SQLAlchemy nor any area of the core."""
    rc, loaded = _run_fresh(["--help"])
    assert rc == 0
    assert sorted(m for m in loaded if m.startswith("canvass.cli.")) == sorted(
        f"canvass.cli.{m}" for m in set(cli.COMMANDS.values()))
    assert [m for m in loaded if m.startswith(HEAVY + AREAS + ("sqlalchemy",))] == []


def test_one_print_json():
    """The command line prints JSON through one function."""
    root = Path(canvass.__file__).parent
    homes = [str(p.relative_to(root)) for p in root.rglob("*.py") if "def print_json" in p.read_text(encoding="utf-8")]
    assert homes == ["cli/__init__.py"]
    out = subprocess.run([sys.executable, "-c", "from canvass.cli import print_json; import datetime as d; "
                          "print_json({'ngày': d.date(2025, 3, 28)})"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == {"ngày": "2025-03-28"} and "ngày" in out.stdout


def test_the_server_commands_offer_the_servers_roles():
    """The `users add --role` choices are written in the command module (its help must not load SQLAlchemy):
    they stay the roles the server creates."""
    from canvass import server
    from canvass.cli import server as server_cli

    assert server_cli.ROLES == server.ROLES


def test_output_piped_into_a_reader_that_stops_early_ends_without_a_traceback(tmp_path):
    """`canvass residents | head -1`: the reader closes the pipe after one line; the command ends quietly
    (status 141, as a shell reports a SIGPIPE) instead of printing a BrokenPipeError traceback."""
    from canvass.db import open_database

    db = open_database(tmp_path / "c.db")
    make_commune(db, households_per_hamlet=300, people_per_household=4)   # far more than a pipe holds
    db.dispose()
    proc = subprocess.Popen([sys.executable, "-m", "canvass.cli", "--db", str(tmp_path / "c.db"), "residents"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(canvass.__file__).parents[1])
    first = proc.stdout.readline()
    proc.stdout.close()              # as `head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert first.strip() and "Traceback" not in err and "BrokenPipe" not in err
