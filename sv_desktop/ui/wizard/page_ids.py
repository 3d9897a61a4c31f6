"""Page ids of the wizard, one per step of the model's STEPS, in the same order."""

from __future__ import annotations

from enum import IntEnum

from ...model.tender import STEPS


class PageId(IntEnum):
    DETAILS = 0
    SPEC = 1
    LOCAL = 2
    THEMES = 3
    WEIGHTING = 4
    REQUIREMENTS = 5
    REVIEW = 6

    @property
    def step(self) -> str:
        """The model's step id ("details", "spec", ...) stored as `tender.current_step`."""
        return STEPS[self.value]

    @classmethod
    def for_step(cls, step: str | None) -> PageId:
        """The page of a stored step id; the first page for an unknown or empty one."""
        try:
            return cls(STEPS.index(step or ""))
        except ValueError:
            return cls.DETAILS


assert len(PageId) == len(STEPS), "one page per step of the model"
