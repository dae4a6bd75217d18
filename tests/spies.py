"""A stand-in that passes calls on and records them, for tests that count work done."""

from __future__ import annotations

from typing import Any


class Spy:
    """Wraps a function or an object (a compiled pattern): calling it, or any of its
    methods, passes the call on and records the positional arguments in ``args``."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.args: list[tuple] = []

    @property
    def calls(self) -> int:
        """How many calls were passed on."""
        return len(self.args)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.args.append(args)
        return self.target(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.target, name)
        if not callable(found):
            return found

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.args.append(args)
            return found(*args, **kwargs)

        return recorded
