"""Concept matching: case, word boundaries, hyphens and spaces, the longest phrase, and negation."""

from __future__ import annotations

import time

import pytest

from advisor.knowledge.base import KnowledgeBase
from advisor.practice.matching import PhraseBook, normalise

BOOK = PhraseBook.build(
    {
        "metric:accuracy": ["accuracy"],
        "metric:precision": ["precision"],
        "metric:pr_auc": ["PR-AUC", "average precision", "precision-recall curve"],
        "metric:roc_auc": ["ROC AUC", "auc"],
        "risk:label_leakage": ["leakage"],
    }
)


def polarities(text: str) -> list[tuple[str, str]]:
    return [(mention.key, mention.polarity) for mention in BOOK.mentions(text)]


def test_normalise_lowers_and_reads_hyphens_as_spaces() -> None:
    assert normalise("  PR-AUC /  Average\u2011Precision\n") == "pr auc average precision"


@pytest.mark.parametrize("text", ["PR-AUC", "pr auc", "PR  AUC", "Pr-Auc.", "the precision-recall curve"])
def test_spellings_of_a_phrase_match(text: str) -> None:
    assert polarities(text) == [("metric:pr_auc", "affirmed")]


def test_word_boundaries_hold() -> None:
    assert polarities("imprecision and inaccuracy and aucs") == []


def test_the_longest_phrase_wins_where_phrases_overlap() -> None:
    assert polarities("report average precision") == [("metric:pr_auc", "affirmed")]
    assert polarities("PR AUC beats ROC AUC here") == [("metric:pr_auc", "affirmed"), ("metric:roc_auc", "affirmed")]


@pytest.mark.parametrize(
    "text",
    [
        "not accuracy",
        "Avoid accuracy.",
        "accuracy is misleading",
        "Accuracy would be a poor choice here",
        "Accuracy isn't informative",
        "don't use accuracy",
        "we should never optimise plain accuracy",
        "PR-AUC instead of accuracy",
        "prefer PR-AUC over accuracy",
        "PR-AUC rather than accuracy",
        "accuracy misleads when positives are rare",
    ],
)
def test_negated_mentions_do_not_claim(text: str) -> None:
    assert ("metric:accuracy", "negated") in polarities(text)
    assert ("metric:accuracy", "affirmed") not in polarities(text)


def test_negation_does_not_reach_past_and() -> None:
    assert polarities("avoid leakage and use PR-AUC") == [
        ("risk:label_leakage", "negated"),
        ("metric:pr_auc", "affirmed"),
    ]
    assert polarities("not accuracy and not ROC AUC") == [("metric:accuracy", "negated"), ("metric:roc_auc", "negated")]


def test_negation_stays_in_its_clause() -> None:
    assert polarities("Not accuracy, but PR-AUC.") == [("metric:accuracy", "negated"), ("metric:pr_auc", "affirmed")]
    assert polarities("Use PR-AUC, not accuracy") == [("metric:pr_auc", "affirmed"), ("metric:accuracy", "negated")]


@pytest.mark.parametrize("text", ["I would use accuracy as the metric", "Accuracy is our headline metric"])
def test_plain_claims_are_affirmed(text: str) -> None:
    assert polarities(text) == [("metric:accuracy", "affirmed")]


def test_not_only_and_dont_forget_do_not_negate() -> None:
    assert polarities("not only PR-AUC") == [("metric:pr_auc", "affirmed")]
    assert polarities("don't forget to report average precision") == [("metric:pr_auc", "affirmed")]


def test_a_number_read_off_is_descriptive() -> None:
    assert polarities("always saying no gives 99.8% accuracy") == [("metric:accuracy", "descriptive")]
    assert polarities("always saying no gives 99.8 % accuracy") == [("metric:accuracy", "descriptive")]


def test_snippet_quotes_the_text_as_written() -> None:
    (mention,) = BOOK.mentions("First we look at the data. Then the Precision-Recall  curve is the metric.")
    assert mention.snippet == "...look at the data. Then the Precision-Recall curve is the metric."


def test_matching_is_linear_in_the_answers_length(bundled_knowledge: KnowledgeBase) -> None:
    """A tenfold longer answer takes about tenfold the time (a quadratic scan took 6.8 s for 26 KB, 73 s for
    104 KB). The bound is a ratio to a 10 KB run, generous against a noisy shared machine, far below quadratic."""
    from advisor.practice.concepts import load_concepts
    from advisor.practice.scoring import phrase_book

    book = phrase_book(bundled_knowledge, load_concepts(bundled_knowledge))
    paragraph = (
        "PR-AUC is the primary metric because fraud is rare, not accuracy; gradient boosting after a logistic "
        "regression baseline, a time-based split, and we watch for leakage and concept drift. "
    )

    def seconds(size: int) -> float:
        text = paragraph * (size // len(paragraph))
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            found = book.mentions(text)
            best = min(best, time.perf_counter() - started)
        assert len(found) >= 8 * (size // len(paragraph))
        return best

    small, large = seconds(10_000), seconds(100_000)
    assert large < 30 * small + 0.5, (small, large)  # quadratic would be ~100 times
