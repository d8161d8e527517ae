"""The command line: parses arguments, calls the rooms of the package, prints. `advisor --help` lists the commands.

Heavy libraries (pandas, scikit-learn, matplotlib) are never imported here: each command imports what it needs when
it runs, so `advisor --help`, `advisor rules lint` and the questionnaire start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback

import click

from advisor.cli.app import app
from advisor.cli.registry import register_commands
from advisor.errors import AdvisorError, InputError, RuleBaseInvalid
from advisor.util.controls import strip_controls

register_commands(app)


def _say_error(text: str) -> None:
    # Messages quote file names, column names and values: no escape sequence of theirs reaches the terminal.
    click.echo(strip_controls(text), err=True)


def _print_input_error(error: InputError) -> None:
    _say_error(f"advisor: error: {error.message}")
    if isinstance(error, RuleBaseInvalid):
        for problem in error.problems[:20]:
            _say_error(f"  {problem.message}")
        if len(error.problems) > 20:
            click.echo(f"  ... and {len(error.problems) - 20} more", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the advisor; return the exit code (0 done, 1 internal error, 2 bad input, 130 interrupted)."""
    try:
        # Outside standalone mode click returns the code of `ctx.exit(code)` instead of exiting.
        result = app.main(args=argv, prog_name="advisor", standalone_mode=False)
        if isinstance(result, int):
            return result
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return int(error.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("\nadvisor: interrupted", err=True)
        return 130
    except InputError as error:
        _print_input_error(error)
        return error.exit_code
    except AdvisorError as error:
        _say_error(f"advisor: error: {error}")
        return error.exit_code
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        # The environment refused (disk full, no permission, a name too long, a path under /proc): not our bug.
        where = f"{error.filename}: " if error.filename else ""
        _say_error(f"advisor: error: {where}{error.strerror or error}")
        return 2
    except Exception:
        click.echo("advisor: internal error (a bug in the advisor; please report it with this trace):", err=True)
        traceback.print_exc()
        return 1
    return 0


def run() -> None:
    """The `advisor` command's entry point (its script calls this under the `__main__` guard)."""
    import atexit

    from advisor.util.processes import main_is_guarded

    status = [1]
    # Tearing down an interpreter that has loaded pandas, pyarrow, matplotlib and DuckDB takes 0.2 s after the work
    # is done. Registered first, this handler runs last, after every other exit handler (temporary files, worker
    # processes): it then ends the process without the teardown. Not when a tool registered handlers before us (a
    # coverage run, say), which would then be skipped.
    if getattr(atexit, "_ncallbacks", lambda: 1)() == 0:
        atexit.register(_end_without_teardown, status)
    main_is_guarded()
    status[0] = main()
    sys.exit(status[0])


def _end_without_teardown(status: list[int]) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or a reader that went away: nothing left to say
            stream.flush()
    os._exit(status[0])
