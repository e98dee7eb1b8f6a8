"""The consumer's own package named ``components``, as real projects have."""


def team_tags(team: str) -> dict[str, str]:
    """Tags every resource of the team carries."""
    return {"team": team, "managed-by": "pulumi"}
