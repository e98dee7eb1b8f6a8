"""The fixed-cost part of the benchmark: medians, ratios to the trivial resource, the order, the table."""

from __future__ import annotations

import math

from bench.fixed_cost import (
    COMMANDS,
    DESKTOP,
    PREVIEW,
    STEPS,
    TRIVIAL,
    UP,
    UP_SKIP_PREVIEW,
    Command,
    FixedCost,
    turn_order,
)
from bench.report import fixed_cost_runs, fixed_cost_table


def result(seconds: dict[str, dict[Command, list[float]]]) -> FixedCost:
    measured = FixedCost(rounds=3)
    for program, commands in seconds.items():
        for command, runs in commands.items():
            for elapsed in runs:
                measured.add(program, command, elapsed, cpu=elapsed / 2)
    return measured


MEASURED = result(
    {
        TRIVIAL: {UP: [2.4, 2.6, 2.5], PREVIEW: [1.3, 1.2, 1.4], UP_SKIP_PREVIEW: [1.5, 1.4, 1.6]},
        DESKTOP: {UP: [3.5, 9.0, 3.6], PREVIEW: [1.8, 1.7, 1.9], UP_SKIP_PREVIEW: [2.0, 2.2, 2.1]},
    }
)


def test_each_side_is_its_median_so_one_disturbed_run_moves_nothing() -> None:
    assert MEASURED.median(DESKTOP, UP) == 3.6  # the 9.0 s run (a busy moment) is not the answer
    assert MEASURED.ratio(UP) == 3.6 / 2.5
    assert MEASURED.paired_ratio(UP) == 3.5 / 2.4  # of 3.5/2.4, 9.0/2.6 and 3.6/2.5
    assert MEASURED.samples(TRIVIAL, PREVIEW) == [1.3, 1.2, 1.4]  # in the order they ran
    assert math.isnan(FixedCost(rounds=1).median(TRIVIAL, UP))


def test_every_timed_command_runs_once_a_round_between_destroys() -> None:
    timed = [step for step in STEPS if isinstance(step, Command)]
    assert sorted(command.label for command in timed) == sorted(command.label for command in COMMANDS)
    assert STEPS[-1] == ("destroy", "--yes", "--skip-preview")  # each round ends with nothing deployed
    assert "--expect-no-changes" in PREVIEW.args  # a preview that would change something fails the run


def test_the_programs_take_turns_going_first() -> None:
    assert turn_order(0, [TRIVIAL, DESKTOP]) == [TRIVIAL, DESKTOP]
    assert turn_order(1, [TRIVIAL, DESKTOP]) == [DESKTOP, TRIVIAL]
    assert turn_order(2, [TRIVIAL, DESKTOP]) == [TRIVIAL, DESKTOP]


def test_the_table_shows_medians_ratios_and_which_target_is_missed() -> None:
    lines = fixed_cost_table(MEASURED).splitlines()
    header = ["command", "trivial s", "WorkspaceInstance s", "ratio", "by round", "within", "CPU s"]
    assert [cell.strip() for cell in lines[0].split("  ") if cell.strip()] == header
    up, preview, skip = (line.split("  ") for line in lines[2:])
    cells = [cell.strip() for cell in up if cell.strip()]
    assert cells == ["up --yes", "2.50", "3.60", "1.44", "1.46", "1.50", "1.2/1.8"]
    assert [cell.strip() for cell in preview if cell.strip()] == [
        "preview (no change)",
        "1.30",
        "1.80",
        "1.38",
        "1.38",
        "1.30 (over)",
        "0.7/0.9",
    ]
    assert [cell.strip() for cell in skip if cell.strip()][-2] == "-"  # no target of its own


def test_every_run_is_listed_behind_the_medians() -> None:
    runs = fixed_cost_runs(MEASURED)
    assert "  WorkspaceInstance up --yes: 3.50 9.00 3.60" in runs
    assert len(runs) == 2 * len(COMMANDS)
