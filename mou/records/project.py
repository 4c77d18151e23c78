"""A project's records, validated: parties and agreements by id, with their loaded YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mou.core.errors import Problem
from mou.records.loading import Record
from mou.records.model import Agreement, Party, as_signed


@dataclass
class Project:
    """Everything a build needs, validated: parties and agreements by id."""

    root: Path
    parties: dict[str, Party] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    sources: dict[str, Record] = field(default_factory=dict)
    # agreement id → its cross-language mismatches, when allowed as warnings (--allow-mismatch)
    warnings: dict[str, list[Problem]] = field(default_factory=dict)

    def agreement_source(self, agreement_id: str) -> Record:
        """Return the loaded YAML record of an agreement."""
        return self.sources[f"agreements/{agreement_id}"]

    def party_source(self, party_id: str) -> Record:
        """Return the loaded YAML record of a party."""
        return self.sources[f"parties/{party_id}"]

    def record_warnings(self, agreement_id: str) -> list[Problem]:
        """Return what the build warns of in an agreement's file and its parties' files (a Thai line folded)."""
        keys = [f"agreements/{agreement_id}"] + [f"parties/{p}" for p in self.agreements[agreement_id].parties]
        return [warning for key in keys if key in self.sources for warning in self.sources[key].warnings]

    def parties_of(self, agreement_id: str) -> list[Party]:
        """Return an agreement's parties in its order, each with the signatory who signs this agreement."""
        agreement = self.agreements[agreement_id]
        return [as_signed(agreement, party_id, self.parties[party_id]) for party_id in agreement.parties]
