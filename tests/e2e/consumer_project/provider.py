"""The consumer's own module named ``provider``: neither it nor the installed package shadows the other."""

IMAGE_ID = "ami-0a1b2c3d4e5f60001"
