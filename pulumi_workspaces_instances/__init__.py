"""Amazon WorkSpaces Instances for Pulumi: ``from pulumi_workspaces_instances import Workspace, ...``.

Everything public is exported here; the subpackages are where it lives:

- :mod:`pulumi_workspaces_instances.provider` — the ``WorkspaceInstance``, ``Volume`` and
  ``VolumeAttachment`` dynamic resources and the data sources ``get_instance_types``,
  ``get_workspace_instance`` and ``list_workspace_instances``;
- :mod:`pulumi_workspaces_instances.components` — the ``Workspace`` component and its ``…Args``;
- :mod:`pulumi_workspaces_instances.emulator` — a local service for tests (``Emulator``, and the
  ``workspaces-instances-emulator`` command); not imported here, so programs don't pay for it;
- :mod:`pulumi_workspaces_instances.plugin` — the provider plugin serving all of it to every language.

Each subpackage is the folder of its name here; the repository's top-level ``provider``,
``components``, ``plugin`` and ``emulator`` are links to them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Every public name of the subpackages, listed once: in their own __all__ (the component's …Args
    # in their generated modules', named here too because mypy does not follow ``__all__ +=`` through
    # a second star import).
    from . import components as components
    from . import provider as provider
    from .components import *  # noqa: F403
    from .components.args import *  # noqa: F403
    from .components.args_dicts import *  # noqa: F403
    from .provider import *  # noqa: F403

SUBPACKAGES = ("provider", "components")
"""Where the public names live, in the order they are looked up (the component imports the provider)."""


def _subpackage(name: str) -> Any:
    return importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    """A subpackage or public name, imported the first time it is asked for (PEP 562).

    ``from pulumi_workspaces_instances import WorkspaceInstance`` loads the provider alone, and the
    dynamic provider host (which imports this package to unpickle a resource's provider) loads nothing
    here at all; the ``Workspace`` component and its generated arguments load when they are named.
    """
    if name in SUBPACKAGES:
        return _subpackage(name)
    if name == "__all__":
        names = [public for package in reversed(SUBPACKAGES) for public in _subpackage(package).__all__]
        globals()["__all__"] = names
        return names
    if name.startswith("__"):  # what tools probe modules for (``__wrapped__``, ...): nothing to load
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    for package in SUBPACKAGES:
        module = _subpackage(package)
        if name in module.__all__:
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__")})
