"""A ServerSecret that cannot leak by accident through repr, str, logging or tracebacks."""

from __future__ import annotations

from typing import Any

from dhbrowser.i18n import N_

#: What a typed ServerSecret with whitespace inside is told: the console's have none.
SPACES_INSIDE = N_("A ServerSecret has no spaces inside.")


def has_spaces_inside(typed: str) -> bool:
    """The one rule for a ServerSecret a person typed (blanks around it already stripped)."""
    return any(character.isspace() for character in typed)


class Secret:
    """Holds a credential; only `reveal()` gives the value back, and only the signer calls it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("a secret is a string")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[Any, ...]:
        raise TypeError("a Secret is not serialisable")
