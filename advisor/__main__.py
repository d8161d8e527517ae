"""`python -m advisor` is the same program as `advisor`."""

from advisor.cli import run

if __name__ == "__main__":
    run()
