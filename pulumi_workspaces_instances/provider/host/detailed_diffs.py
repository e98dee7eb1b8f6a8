"""The detailed diff of this package's resources, sent by the dynamic provider host too.

The SDK's host answers ``Diff`` with the ``changes``, ``replaces`` and ``deleteBeforeReplace`` of the
provider's ``DiffResult`` and nothing else (``pulumi/dynamic/__main__.py``, ``Diff``). Without a
detailed diff or changed keys the engine has nothing to match ``replaceOnChanges`` against, so the
option did nothing on dynamic resources, silently (pkg/resource/deploy/step_generator.go,
``applyReplaceOnChanges``).

So :func:`install` stands in for the ``proto`` module the host's ``__main__`` builds its answers
with (as :func:`.process.one_line_errors` does for its ``traceback``): a ``DiffResponse`` built right
after one of this package's providers answered :meth:`~..provider_base.PackageProvider.diff` on the
same thread — the host calls the provider and builds the answer on the thread serving the call —
also carries that answer's detailed diff (:mod:`..inputs.detailed_diff`), its changed keys and
``hasDetailedDiff``. The engine then applies ``replaceOnChanges`` (from the resource's options or
any transform) exactly as for a provider plugin, and ``preview --diff`` shows the same paths on both
faces. The answers of every other dynamic provider the host serves are left as they are.

When the host's ``__main__`` no longer has that ``proto`` (the SDK changed), nothing is replaced and
the host says once that ``replaceOnChanges`` is not honoured on the dynamic face.
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType
from typing import Any, cast

from pulumi.runtime import proto

from ..inputs.detailed_diff import DetailedDiffResult, PropertyChange, format_path

_pending = threading.local()
_installed = False
_lock = threading.Lock()


def offer(result: DetailedDiffResult) -> None:
    """Keep ``result``'s detailed diff for the ``DiffResponse`` this thread builds next (when installed)."""
    if _installed:
        _pending.result = result


def _take() -> DetailedDiffResult | None:
    result: DetailedDiffResult | None = getattr(_pending, "result", None)
    _pending.result = None
    return result


def response_fields(changes: tuple[PropertyChange, ...]) -> dict[str, Any]:
    """Fields of a ``DiffResponse`` for a detailed diff (``detailedDiff``, ``diffs``, ``hasDetailedDiff``)."""
    return {
        "detailedDiff": {
            # The enum's values are plain ints at run time; its stubs type them apart.
            format_path(change.path): proto.PropertyDiff(
                kind=cast(Any, change.protocol_kind), inputDiff=False
            )
            for change in changes
        },
        "diffs": sorted({change.top for change in changes}),
        "hasDetailedDiff": True,
    }


class _DiffResponses:
    """Stands in for ``proto.DiffResponse``: adds the pending detailed diff to the answer it builds."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __call__(self, **fields: Any) -> Any:
        result = _take()
        if result is not None:
            fields.update(response_fields(result.detailed))
        return self._real(**fields)

    def __getattr__(self, name: str) -> Any:
        # DIFF_SOME, DIFF_NONE, DIFF_UNKNOWN and the rest of the message class.
        return getattr(self._real, name)


class _Proto:
    """Stands in for the ``proto`` module in the host's ``__main__``; only ``DiffResponse`` differs."""

    def __init__(self, real: ModuleType) -> None:
        self._real = real
        self.DiffResponse = _DiffResponses(real.DiffResponse)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def install() -> bool:
    """Make the host send this package's detailed diffs (once); False, said once, when it cannot."""
    global _installed
    with _lock:
        if _installed:
            return True
        main = sys.modules.get("__main__")
        if getattr(main, "proto", None) is not proto or not hasattr(proto, "DiffResponse"):
            print(
                "workspaces-instances: could not add detailed diffs to the provider host's answers (the "
                "Pulumi SDK changed?): replace_on_changes is not honoured on these resources, and "
                "preview --diff shows the engine's own comparison",
                file=sys.stderr,
                flush=True,
            )
            return False
        main.proto = _Proto(proto)  # type: ignore[union-attr]
        _installed = True
        return True
