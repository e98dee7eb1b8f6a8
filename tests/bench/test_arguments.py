"""The benchmark's command line: defaults, fleet sizes, kinds, parallelism and the checks across flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.arguments import FIXED_COST, parse_args
from bench.fleets import KINDS


def test_the_defaults_measure_every_kind_at_1_10_and_40_with_parallel_64() -> None:
    args = parse_args([])
    assert args.counts == [1, 10, 40]
    assert args.kinds == [*KINDS, FIXED_COST]
    assert args.rounds == 3
    assert (args.seconds, args.detection_seconds) == (10.0, 30.0)
    assert args.parallel == "64"
    assert args.workers is None and args.logs is None


def test_counts_are_sorted_and_deduplicated_and_kinds_keep_their_order(tmp_path: Path) -> None:
    args = parse_args(
        ["--counts", "40, 1,10,1", "--kinds", "workspace,instance", "--workers", "4", "--logs", str(tmp_path)]
    )
    assert args.counts == [1, 10, 40]
    assert args.kinds == ["workspace", "instance"]
    assert args.workers == 4
    assert args.logs == tmp_path


def test_the_fixed_cost_part_alone_and_its_rounds() -> None:
    args = parse_args(["--kinds", "fixed-cost", "--rounds", "5"])
    assert args.kinds == [FIXED_COST]
    assert args.rounds == 5


@pytest.mark.parametrize("value", ["default", "1", "128"])
def test_parallel_takes_a_positive_number_or_default(value: str) -> None:
    assert parse_args(["--parallel", value]).parallel == value


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--counts", "0,10"], "give fleet sizes >= 1"),
        (["--counts", ","], "give fleet sizes >= 1"),
        (["--kinds", "instance,vm"], "use instance and/or workspace"),
        (["--parallel", "0"], "or `default` to leave PULUMI_PARALLEL unset"),
        (["--workers", "0"], "--workers: give a number >= 1"),
        (["--seconds", "0"], "--seconds must be > 0"),
        (["--detection-seconds", "-1"], "--detection-seconds >= 0"),
        (["--rounds", "0"], "--rounds: give a number >= 1"),
        (["--kinds", "fixed"], "and/or fixed-cost"),
    ],
)
def test_a_bad_value_exits_2_naming_the_rule(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(argv)
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("usage: scripts/bench")
    assert message in error
