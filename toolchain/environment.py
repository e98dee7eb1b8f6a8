"""Every stack's throwaway settings here, and the environment that aims AWS clients at the emulator."""

from __future__ import annotations

from pathlib import Path

TEST_REGION = "us-east-1"
TEST_PASSPHRASE = "test-passphrase-not-a-secret"
"""Passphrase of the throwaway secrets provider of every test and benchmark stack."""
# Dummy credentials: the emulator checks that requests are signed, not by whom.
DUMMY_ACCESS_KEY = "AKIAEMULATOREXAMPLE"
DUMMY_SECRET_KEY = "emulator/dummy/secret/key/EXAMPLEKEY"


def emulator_environment(endpoint_url: str, tmp: Path) -> dict[str, str]:
    """Variables that aim any boto3 client (in this process or a child) at the emulator."""
    missing = tmp / "no-aws-config"
    return {
        "AWS_ENDPOINT_URL_WORKSPACES_INSTANCES": endpoint_url,
        # The volumes are read through EC2 (DescribeVolumes), served on the same endpoint.
        "AWS_ENDPOINT_URL_EC2": endpoint_url,
        "AWS_ACCESS_KEY_ID": DUMMY_ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET_KEY,
        "AWS_REGION": TEST_REGION,
        "AWS_DEFAULT_REGION": TEST_REGION,
        # Never read the developer's real profiles.
        "AWS_CONFIG_FILE": str(missing / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(missing / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
