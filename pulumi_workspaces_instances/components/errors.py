"""What the ``Workspace`` component raises for arguments the user got wrong.

Every message names the snake_case argument path (``root_volume.volume_size``) and what to change.
They derive from ``pulumi.RunError``, so a Pulumi program reports them as one line, without a
Python traceback; and from the built-in exception Python itself would raise (``TypeError`` for
a name, ``ValueError`` for a value), so ``except`` clauses written against those still work.
"""

import pulumi


class WorkspaceArgumentError(pulumi.RunError):
    """An argument of a ``Workspace`` (or of one of its ``…Args``) is wrong."""


class UnknownArgumentError(WorkspaceArgumentError, TypeError):
    """An argument name that does not exist (usually a typo: the message suggests the closest)."""


class InvalidArgumentError(WorkspaceArgumentError, ValueError):
    """An argument value that is missing, of the wrong type, or refused by the API's rules."""


class MissingArgumentError(WorkspaceArgumentError, TypeError):
    """A required argument was not given (a ``TypeError``, as Python's own would be)."""
