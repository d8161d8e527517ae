"""Package attributes loaded on first use (PEP 562): `import advisor` stays light, and importing one light module of
a package does not load the package's heavy ones. (A command that analyses data starts its companion process before
anything else loads; `advisor.data` importing its pydantic models eagerly delayed that start.)

A name must not also be a submodule's: importing the submodule would replace the attribute with the module."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports each name in `homes` from its module when first asked for,
    and keeps it in the package's namespace so later lookups are plain attribute reads."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(importlib.import_module(package), name, value)
        return value

    return __getattr__
