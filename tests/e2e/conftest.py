"""Fixtures for the real-CLI tests (``make_stack``, ``pulumi_env``, the emulator: tests/conftest.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import StackFactory
from tests.e2e.test_plugin_yaml import ProgramLifecycle, check_program_lifecycle

#: Program config for an instance the emulator's catalogue launches: a Windows AMI and a type it offers
#: for it (see emulator/workspaces_instances/catalogue.json).
LAUNCHABLE = {"imageId": "ami-0a1b2c3d4e5f60001", "instanceType": "t3.medium"}

LaunchableStack = Callable[..., auto.Stack]

PACKAGE = "pulumi_workspaces_instances"
_LIBRARIES = ("/site-packages/", "/lib/python3.")


def project_frames(output: str) -> list[str]:
    """The Python traceback frames in a CLI's output that are this project's (its package or a program).

    A failure of ours is one line, never our stack. But when a run stops on one resource's failure, the
    program's other registrations may still be in flight, and the Python SDK prints that RPC failure
    with its own traceback under the stack (``pulumi/runtime/resource.py``; more likely the more loaded
    the machine). So the tests assert that no frame is ours, not that no traceback appears.
    """
    frames = re.findall(r'File "([^"]+)"', output)
    # Ours: the package (from the tree or a venv it is installed in) and a program's __main__.py; not the
    # SDK, grpc, the standard library or the language host's pulumi-language-python-exec.
    return [
        frame
        for frame in frames
        if PACKAGE in frame
        or (frame.endswith("/__main__.py") and not any(part in frame for part in _LIBRARIES))
    ]


@pytest.fixture
def launchable_stack(make_stack: StackFactory) -> LaunchableStack:
    """Factory: ``make_stack(program)`` configured with ``LAUNCHABLE`` and the given config keys on top."""

    def factory(program: Path, **config: str) -> auto.Stack:
        return make_stack(program, config={**LAUNCHABLE, **config})

    return factory


@pytest.fixture
def program_lifecycle(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> ProgramLifecycle:
    """Factory: ``check_program_lifecycle`` on a new stack of ``program`` (plugin_yaml's, in any language).

    ``env``: what that language's host needs on top of ``pulumi_env`` (the stack's commands and the checks
    both run with it).
    """

    def run(program: Path, env: dict[str, str] | None = None) -> None:
        stack = make_stack(program, env=env)
        check_program_lifecycle(stack, {**pulumi_env, **(env or {})}, emulator, program)

    return run
