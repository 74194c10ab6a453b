"""`python -m baocao`: the `baocao` command."""

from baocao.cli import run

run()
