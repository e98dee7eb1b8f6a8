"""Build hook: everything else about the package is declared in pyproject.toml.

The wheel also carries ``pulumi_workspaces_instances_host.pth`` at the top of site-packages, so
that the SDK's dynamic provider host answers ``pulumi import`` of this package's resources with a
one-line hint instead of a traceback (``provider/host/import_hint.py`` explains it).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HOST_PTH = "pulumi_workspaces_instances_host.pth"


class BuildPyWithHostHook(build_py):
    """``build_py`` that also puts the host hook's ``.pth`` file at the root of the wheel."""

    def run(self) -> None:
        super().run()
        self.copy_file(str(Path(__file__).parent / HOST_PTH), str(Path(self.build_lib) / HOST_PTH))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib) / HOST_PTH)]


setup(cmdclass={"build_py": BuildPyWithHostHook})
