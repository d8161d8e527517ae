"""The catalog: every item a rule may recommend, exclude or flag, with its label, meaning and synonyms.

Items are named by category and id (`metric:pr_auc`). The label is what the report shows; the synonyms are the words
that count as naming the item in practice mode ("average precision" for `metric:pr_auc`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from advisor.brief.enums import Category


class CatalogItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=2)
    description: str = Field(min_length=10)
    synonyms: list[str] = Field(default_factory=list)


class Catalog(BaseModel):
    """Items by category, then by id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    items: dict[Category, dict[str, CatalogItem]] = Field(default_factory=dict)

    def get(self, category: str, item: str) -> CatalogItem | None:
        return self.items.get(Category(category), {}).get(item) if category in Category.__members__ else None

    def label(self, category: str, item: str) -> str:
        found = self.get(category, item)
        return found.label if found is not None else item.replace("_", " ")

    def ids(self, category: str) -> list[str]:
        return list(self.items.get(Category(category), {})) if category in Category.__members__ else []

    def item_keys(self) -> list[str]:
        return [f"{category.value}:{item}" for category, items in self.items.items() for item in items]
