"""ClientTokens for CreateWorkspaceInstance: stable for a retried create, new for a replacement,
never shared between stacks.

What the dynamic provider can see (pulumi 3.27x engine, ``resource/deploy/step_generator.go``):
``check`` is called with *empty* olds for a first create, for the re-check of a replacement and for
a targeted replacement (``pulumi up --replace``/taint), and ``create`` gets only the checked
inputs. No URN, no prior outputs, no engine random seed reach a dynamic provider. A create resumed
after a crash (the engine dropped the pending operation and creates again) and a ``--replace``
with identical inputs therefore look *identical* to ``check`` and ``create``. So the token alone
cannot tell them apart; the service's own state has to.

The design:

1. ``base`` token = hash(resource identity, seed, the exact create request, generation 0).
   - The identity (project, stack, parent, name) is computed by the resource constructor in the
     program and passed as the hidden input ``__identity``, so two resources of one stack with
     identical inputs never share a token.
   - Names are not unique across *backends*: two people with local backends can have the same
     org (``organization``), project, stack and resource names in one AWS account, and their
     concurrent ``up`` would adopt one instance between them. So each WorkspaceInstance also has
     a random ``__seed``, drawn by a small sibling resource (:mod:`.seed`) that Pulumi creates and
     saves *before* the instance's create starts (the instance's input waits on the seed). A
     resumed create finds the same seed in state and so the same token; another stack, whatever
     its names, has another seed. Trade-offs: one extra resource per instance in state (no AWS
     call, ~200 bytes); a seed lost from state (``pulumi state delete``) is drawn anew, which only
     matters for a create interrupted at that moment. Alternatives rejected: a random value drawn
     in ``check`` is not saved before the create, so a resume would get a new token (a duplicate
     instance); the backend URL or the stack's secrets salt never reach the provider.
   Same resource + same seed + same request => same token, so a create retried by botocore, by
   our own retry loop, or by a new ``pulumi up`` after a crash gets the *same* instance back.
   States written before 0.2 have no seed: their tokens are computed as before (without it).
2. Whatever instance a token returns, ``create`` looks at it before adopting it:
   - still ALLOCATING, or ALLOCATED without the claim tag: a create of ours that never finished
     (crash, timeout of the CLI): adopt it and carry on waiting;
   - DEALLOCATING/DEALLOCATED/ERROR_*: an earlier life of this resource (destroyed, replaced,
     failed and cleaned up): move to the next generation;
   - ALLOCATED *with* the claim tag: an instance a finished create handed to Pulumi, i.e. the
     resource being replaced (``--replace`` with identical inputs): move to the next generation.
   A ConflictException (token reused with different parameters) also moves on.
3. When an instance reaches ALLOCATED, ``create`` tags it with :data:`CLAIM_TAG_KEY` just before
   returning it to the engine — only if the engine is still there
   (:func:`provider.host.process.engine_alive`); a host whose engine died exits without claiming
   (see host/process.py), so the next ``pulumi up`` adopts the unclaimed instance instead of
   launching a second one.

A user-supplied ``client_token`` is used verbatim and never bumped: if it already names a dead or
claimed instance, create fails and says to change it.

Known gap: an engine killed in the instant between the claim tag and saving the state (after the
liveness check, within one TagResource call) leaves a claimed instance outside Pulumi's state; the
resumed create then makes a new one. States written before 0.2 have no seed, so two such stacks
with identical names still share tokens until their instances are replaced.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

TOKEN_PREFIX = "pulumi-"
"""Marks tokens made by this provider (helps when reading CloudTrail)."""
TOKEN_LENGTH = 64
"""The model's maximum ClientToken length."""
MAX_TOKEN_GENERATIONS = 64
"""How many earlier lives of one resource create steps over before giving up."""

CLAIM_TAG_KEY = "pulumi:workspace-instance:claimed-by"
"""Tag put on an instance once a create has handed it to Pulumi (value: a hash of the identity)."""
CLAIM_VALUE_LENGTH = 16


def _digest(payload: Mapping[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def derive_client_token(
    identity: str, request: Mapping[str, Any], generation: int, seed: str | None = None
) -> str:
    """The ClientToken for ``request`` (without its ClientToken) made by resource ``identity``.

    ``seed`` is the resource's saved random seed; None (states written before 0.2) derives the
    token as those versions did.
    """
    body = {key: value for key, value in request.items() if key != "ClientToken"}
    payload: dict[str, Any] = {"identity": identity, "request": body, "generation": generation}
    if seed:
        payload["seed"] = seed
    digest = _digest(payload)
    return (TOKEN_PREFIX + digest)[:TOKEN_LENGTH]


def candidate_tokens(
    user_token: str | None, identity: str, request: Mapping[str, Any], seed: str | None
) -> Iterator[str]:
    """The ClientTokens a create tries in turn: the user's own, once; else one per generation.

    A create moves on to the next derived token when one answers Conflict (it went with other
    parameters earlier) or found a resource another create already took.
    """
    if user_token:
        yield str(user_token)
        return
    for generation in range(MAX_TOKEN_GENERATIONS):
        yield derive_client_token(identity, request, generation, seed)


def tokens_exhausted(operation: str, kind: str) -> str:
    """The error when every derived token is used up (``kind``: ``instances``, ``volumes``)."""
    return (
        f"{operation}: {MAX_TOKEN_GENERATIONS} earlier {kind} were made from this resource's "
        "ClientTokens; set client_token to a new value to create this one"
    )


def claim_value(identity: str, seed: str | None = None) -> str:
    """The claim tag's value: which resource took the instance (not secret, not reversible).

    With the resource's seed, so an adoption can tell its own earlier claim (a resumed adopt)
    from another stack's resource of the same name.
    """
    return hashlib.sha256((identity + (seed or "")).encode()).hexdigest()[:CLAIM_VALUE_LENGTH]
