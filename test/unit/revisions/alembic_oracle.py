"""Reference answers from Alembic for the revision parity test.

Reads a JSON batch on stdin and writes JSON results on stdout:

    in:  {"cases": [{"revisions": [{"id", "down": [], "deps": [], "labels": []}],
                     "initialRows": [],
                     "commands": [{"op": "upgrade" | "downgrade" | "stamp" | "history",
                                   "target": "..."}]}]}
    out: {"alembic": "1.8.1",
          "cases": [{"build": {"ok", "error", "heads", "realHeads", "bases", "order"},
                     "results": [{"rowsBefore", "ok", "error", "phase", "plannedSteps",
                                  "steps", "rowsAfterEach", "rows", "history"}]}]}

Commands run one after another on the same version table; a command that fails leaves the
table as it was before it, so the next one starts from the same rows. "phase" tells where a
command failed: "plan" (Alembic refused the target), "apply" (planning worked, then Alembic's
version table bookkeeping failed; "plannedSteps" holds the plan) or "hang" (no answer within
COMMAND_SECONDS; a graph with an undetected cycle can send Alembic's walks into a loop).

Alembic runs for real: a `RevisionMap` built from `Revision` objects whose migration
functions do nothing, and a `MigrationContext` on an in-memory SQLite database, so the
version table is maintained by Alembic's own `HeadMaintainer`. Rows are read back with
SELECT, in the order SQLite returns them, because `downgrade -1` picks the first row.
"""

import json
import signal
import sys
import types
import warnings

from alembic import __version__ as alembic_version
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import Revision, RevisionMap
from sqlalchemy import create_engine

warnings.simplefilter("ignore")

COMMAND_SECONDS = 5

_NO_OP_MODULE = types.SimpleNamespace(upgrade=lambda **kw: None, downgrade=lambda **kw: None)


class _Script(Revision):
    """A revision with the attributes `RevisionStep` reads from a script file."""

    module = _NO_OP_MODULE
    doc = ""


def _scalar(ids):
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else tuple(ids)


def _make_scripts(spec):
    return [
        _Script(
            r["id"],
            _scalar(r["down"]),
            dependencies=_scalar(r["deps"]),
            branch_labels=_scalar(r["labels"]),
        )
        for r in spec
    ]


def _script_directory(scripts):
    # ScriptDirectory.__init__ wants a folder on disk; the planning methods need only the map.
    directory = ScriptDirectory.__new__(ScriptDirectory)
    directory.revision_map = RevisionMap(lambda: scripts)
    return directory


def _describe(err):
    return "%s: %s" % (type(err).__name__, err)


def _build_info(directory):
    revision_map = directory.revision_map
    order = [rev.revision for rev in directory.walk_revisions()]
    order.reverse()
    return {
        "ok": True,
        "heads": list(revision_map.heads),
        "realHeads": list(revision_map._real_heads),
        "bases": list(revision_map.bases),
        "order": order,
    }


class _Table:
    """The version table of one case, on its own in-memory database."""

    def __init__(self, rows):
        self.connection = create_engine("sqlite://").connect()
        self.connection.exec_driver_sql(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"
        )
        self.reset(rows)

    def rows(self):
        return [row[0] for row in self.connection.exec_driver_sql("SELECT version_num FROM alembic_version")]

    def reset(self, rows):
        self.connection.exec_driver_sql("DELETE FROM alembic_version")
        for row in rows:
            self.connection.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (row,))

    def run(self, fn, planned):
        """Runs the steps `fn(current_rows, context)` returns; gives steps and rows after each.

        The planned steps are also appended to `planned` as soon as they are known, so a caller
        can tell a refused target from a failure in Alembic's own version table bookkeeping.
        """
        steps, after_each = [], []

        def plan(rev, ctx):
            result = fn(rev, ctx)
            planned.append(result)
            return result

        def record(ctx, step, heads, run_args):
            steps.append(step)
            after_each.append(self.rows())

        context = MigrationContext.configure(
            connection=self.connection,
            opts={"fn": plan, "on_version_apply": [record]},
        )
        context.run_migrations()
        return steps, after_each


def _step_json(step):
    if step.is_stamp:
        return None
    if step.is_upgrade:
        return [step.up_revision_id, "up"]
    return [step.up_revision_id, "down"]


def _history(directory, target, rows):
    if ":" not in target:
        raise ValueError("History range requires [start]:[end], [start]:, or :[end]")
    base, head = target.strip().split(":")
    current = tuple(rows)
    if head == "current":
        head = current
    elif base == "current":
        base = current
    return [rev.revision for rev in directory.walk_revisions(base=base or "base", head=head or "heads")]


class _Hang(BaseException):
    """Alembic did not answer in time (some targets send its graph walks into endless loops)."""


def _on_alarm(signum, frame):
    raise _Hang()


def _run_command(directory, table, command):
    op, target = command["op"], command["target"]
    before = table.rows()
    result = {"rowsBefore": before, "ok": True}
    planned = []
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(COMMAND_SECONDS)
    try:
        if op == "history":
            result["history"] = list(reversed(_history(directory, target, before)))
            return result
        if op == "upgrade":
            fn = lambda rev, ctx: directory._upgrade_revs(target, rev)
        elif op == "downgrade":
            fn = lambda rev, ctx: directory._downgrade_revs(target, rev)
        elif op == "stamp":
            fn = lambda rev, ctx: directory._stamp_revs((target,), rev)
        else:
            raise ValueError("unknown op %r" % op)
        steps, after_each = table.run(fn, planned)
        result["steps"] = [s for s in (_step_json(st) for st in steps) if s is not None]
        result["rowsAfterEach"] = after_each
        result["rows"] = table.rows()
    except _Hang:
        table.reset(before)
        return {"rowsBefore": before, "ok": False, "error": "no answer", "phase": "hang"}
    except Exception as err:  # every failure counts as "Alembic refused"
        table.reset(before)
        result = {"rowsBefore": before, "ok": False, "error": _describe(err)}
        if planned:
            # Planning succeeded; Alembic's version table bookkeeping failed while applying.
            result["phase"] = "apply"
            result["plannedSteps"] = [s for s in (_step_json(st.info) for st in planned[0]) if s is not None]
        else:
            result["phase"] = "plan"
    finally:
        signal.alarm(0)
    return result


def _run_case(case):
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(COMMAND_SECONDS)
    try:
        # Revision() itself refuses a revision naming itself, so it belongs inside the try.
        directory = _script_directory(_make_scripts(case["revisions"]))
        build = _build_info(directory)
    except _Hang:
        return {"build": {"ok": False, "error": "no answer", "hang": True}, "results": []}
    except Exception as err:
        return {"build": {"ok": False, "error": _describe(err)}, "results": []}
    finally:
        signal.alarm(0)
    table = _Table(case.get("initialRows", []))
    results = [_run_command(directory, table, command) for command in case["commands"]]
    table.connection.close()
    return {"build": build, "results": results}


def main():
    batch = json.load(sys.stdin)
    out = {"alembic": alembic_version, "cases": [_run_case(case) for case in batch["cases"]]}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
