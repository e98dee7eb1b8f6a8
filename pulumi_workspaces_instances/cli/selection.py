"""Which desktops, volumes and attachments an import takes, which it skips and why, and their names.

The rules (docs/adoption-and-import.md, "Bulk import"):

- **Desktops**: only ALLOCATED ones; one carrying the claim tag (:data:`provider.aws.tokens.CLAIM_TAG_KEY`)
  is already held by a Pulumi stack and is skipped.
- **Volumes**: a volume attached with DeleteOnTermination was launched with its desktop (its root or
  launch-time volume): it is part of that desktop, not a ``Volume``, and is left out. Volumes carry no
  claim tag (the provider cannot tag a volume it creates), so a volume counts as claimed when it is
  attached to a claimed desktop: it belongs with that desktop's stack. Only ``available`` and ``in-use``
  volumes are taken; one EC2 marks as managed by another service is skipped.
- **Attachments**: each live attachment of a taken volume to a taken desktop; one whose desktop is not
  taken is skipped, naming why.
- ``--tag k=v`` filters desktops and volumes (every pair must match); an attachment goes with its pair.
- ``--exclude-state`` (:mod:`.stack_state`): anything a stack's exported state holds is skipped, claimed
  or not (``pulumi import`` claims nothing; volumes and attachments carry no claim).

Names: the ``Name`` tag, else the id, made a program identifier (letters, digits and ``_``, which stands
for anything else); a name already given gets the id appended. An attachment is ``<volume>_on_<desktop>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass

from ..provider.aws.tokens import CLAIM_TAG_KEY
from ..provider.volumes.state import attachment_id
from .inventory import Desktop, DiskVolume, Inventory

ALLOCATED = "ALLOCATED"
USABLE_VOLUME_STATES = frozenset({"available", "in-use"})
"""Volume states an import can take (not creating, deleting, deleted or error)."""
HELD_ATTACHMENT_STATES = frozenset({"attached", "busy"})
"""Attachment states in which the volume is attached (not attaching or detaching)."""
WORKSPACES_PRINCIPAL = "workspaces-instances.amazonaws.com"
"""WorkSpaces Instances' service principal: a volume EC2 marks as managed by another is another service's."""
NAME_TAG = "Name"
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]+")
NAME_SEPARATOR = "_"
"""Replaces each run of other characters: generated programs refer to names as identifiers (YAML quotes
one with ``-`` as ``${["data-1"].id}``)."""


@dataclass(frozen=True)
class Skip:
    """One resource left out, and why (printed one line per id)."""

    resource_id: str
    reason: str

    def line(self) -> str:
        """The line the command prints for it."""
        return f"skipped {self.resource_id}: {self.reason}"


@dataclass(frozen=True)
class Named:
    """A resource the import takes: its kind (the plugin's type name), name and id (without region)."""

    kind: str
    name: str
    resource_id: str


@dataclass(frozen=True)
class AttachmentPlan:
    """An attachment the import takes, and the names of its desktop and volume."""

    name: str
    desktop: Named
    volume: Named
    device: str | None

    @property
    def resource_id(self) -> str:
        """The attachment's id: ``<workspaceInstanceId>:<volumeId>``."""
        return attachment_id(self.desktop.resource_id, self.volume.resource_id)


@dataclass(frozen=True)
class Selection:
    """What an import takes and skips in one region."""

    region: str
    desktops: tuple[Named, ...]
    volumes: tuple[Named, ...]
    attachments: tuple[AttachmentPlan, ...]
    skipped: tuple[Skip, ...]
    filtered_out: int
    """Desktops and volumes the ``--tag`` filter left out (not listed one by one)."""
    launch_volumes: int
    """Volumes left out as parts of their desktops (root and launch-time volumes)."""


def parse_tag_filter(pairs: list[str]) -> dict[str, str]:
    """``["k=v", …]`` as a mapping; raises ValueError naming a pair without ``=`` or with an empty key."""
    wanted: dict[str, str] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            raise ValueError(f"--tag {pair!r}: write it as key=value")
        wanted[key] = value
    return wanted


def matches(tags: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    """Whether ``tags`` has every pair of ``wanted``."""
    return all(tags.get(key) == value for key, value in wanted.items())


def identifier(text: str) -> str:
    """``text`` as a program name: letters, digits and ``_`` (empty when none is left)."""
    return _NOT_IN_NAME.sub(NAME_SEPARATOR, text).strip(NAME_SEPARATOR)


class _Names:
    """Unique program names: the ``Name`` tag or the id, as an identifier; the id appended on a clash."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, tags: Mapping[str, str], resource_id: str) -> str:
        base = identifier(tags.get(NAME_TAG, "")) or identifier(resource_id)
        return self.claim(base, resource_id)

    def claim(self, base: str, resource_id: str) -> str:
        name = base if base not in self._taken else identifier(f"{base}_{resource_id}")
        self._taken.add(name)
        return name


def _desktop_skip(desktop: Desktop) -> str | None:
    if desktop.state != ALLOCATED:
        return f"desktop is {desktop.state}; only ALLOCATED desktops are imported"
    if CLAIM_TAG_KEY in desktop.tags:
        return f"desktop is already claimed by a Pulumi stack (tag {CLAIM_TAG_KEY})"
    return None


def _launched_with_desktop(volume: DiskVolume) -> bool:
    return any(a.delete_on_termination and a.state in HELD_ATTACHMENT_STATES for a in volume.attachments)


def _volume_skip(volume: DiskVolume, claimed_by_ec2: Mapping[str, str]) -> str | None:
    principal = volume.operator.get("Principal")
    if volume.operator.get("Managed") and principal and principal != WORKSPACES_PRINCIPAL:
        return f"volume is managed by {principal}, not WorkSpaces Instances"
    if volume.state not in USABLE_VOLUME_STATES:
        return f"volume is {volume.state}; only available or in-use volumes are imported"
    for attachment in volume.attachments:
        holder = claimed_by_ec2.get(attachment.ec2_instance_id)
        if holder and attachment.state in HELD_ATTACHMENT_STATES:
            return f"volume is attached to {holder}, which a Pulumi stack claims: it goes with that desktop"
    return None


HELD = "already in a stack's state (--exclude-state)"


def select(
    inventory: Inventory, wanted: Mapping[str, str] | None = None, held: Set[str] = frozenset()
) -> Selection:
    """What to import from ``inventory``: every usable, unclaimed resource matching ``wanted`` tags that
    no stack exported to ``held`` (resource ids) holds."""
    wanted = wanted or {}
    names = _Names()
    skipped: list[Skip] = []
    filtered_out = 0
    desktops: list[Named] = []
    # EC2 instance id -> the desktop running on it, and why it is not taken (None: taken).
    by_ec2: dict[str, tuple[Desktop, Named | None, str | None]] = {}
    claimed_by_ec2: dict[str, str] = {}
    for desktop in inventory.desktops:
        reason = HELD if desktop.instance_id in held else _desktop_skip(desktop)
        named: Named | None = None
        if desktop.ec2_instance_id and CLAIM_TAG_KEY in desktop.tags:
            claimed_by_ec2[desktop.ec2_instance_id] = desktop.instance_id
        if not matches(desktop.tags, wanted):
            filtered_out += 1
            reason = reason or "desktop does not match --tag"
        elif reason:
            skipped.append(Skip(desktop.instance_id, reason))
        else:
            name = names.take(desktop.tags, desktop.instance_id)
            named = Named("WorkspaceInstance", name, desktop.instance_id)
            desktops.append(named)
        if desktop.ec2_instance_id:
            by_ec2[desktop.ec2_instance_id] = (desktop, named, reason)

    volumes: list[Named] = []
    attachments: list[AttachmentPlan] = []
    launch_volumes = 0
    for volume in inventory.volumes:
        if _launched_with_desktop(volume):
            launch_volumes += 1
            continue
        if not matches(volume.tags, wanted):
            filtered_out += 1
            continue
        reason = HELD if volume.volume_id in held else _volume_skip(volume, claimed_by_ec2)
        if reason:
            skipped.append(Skip(volume.volume_id, reason))
            for attachment in volume.attachments:
                if attachment.ec2_instance_id in by_ec2 and attachment.state in HELD_ATTACHMENT_STATES:
                    on = f"{by_ec2[attachment.ec2_instance_id][0].instance_id}:{volume.volume_id}"
                    skipped.append(Skip(on, HELD if on in held else "attachment's volume is skipped"))
            continue
        named_volume = Named("Volume", names.take(volume.tags, volume.volume_id), volume.volume_id)
        volumes.append(named_volume)
        for attachment in volume.attachments:
            holder = by_ec2.get(attachment.ec2_instance_id)
            if holder is None:
                skipped.append(
                    Skip(
                        f"{volume.volume_id} on {attachment.ec2_instance_id}",
                        f"attachment to an EC2 instance no WorkSpaces Instance in {inventory.region} runs on",
                    )
                )
                continue
            desktop, named_desktop, why = holder
            attachment_id = f"{desktop.instance_id}:{volume.volume_id}"
            if attachment_id in held:
                skipped.append(Skip(attachment_id, HELD))
            elif named_desktop is None:
                skipped.append(Skip(attachment_id, f"attachment's desktop is not imported ({why})"))
            elif attachment.state not in HELD_ATTACHMENT_STATES:
                skipped.append(Skip(attachment_id, f"attachment is {attachment.state}; only attached ones"))
            else:
                name = names.claim(f"{named_volume.name}_on_{named_desktop.name}", attachment_id)
                attachments.append(AttachmentPlan(name, named_desktop, named_volume, attachment.device))
    return Selection(
        region=inventory.region,
        desktops=tuple(desktops),
        volumes=tuple(volumes),
        attachments=tuple(attachments),
        skipped=tuple(skipped),
        filtered_out=filtered_out,
        launch_volumes=launch_volumes,
    )
