"""A prompter that replays a fixed list of replies (the flow's other implementation, besides the terminal)."""

from __future__ import annotations

from collections.abc import Iterable

from advisor.interview.flow import AskRequest
from advisor.interview.replies import Answer, Reply, Typed

Step = Reply | bool | str


class ScriptedPrompter:
    """Replies in order: a Reply for `ask`, a bool for `finish`, a str for `row`. Records every request."""

    def __init__(self, replies: Iterable[Step]) -> None:
        self.replies = list(replies)
        self.asked: list[AskRequest] = []

    def _next(self) -> Step:
        assert self.replies, f"the flow asked more than scripted; last asked: {self.asked[-1].question.id}"
        return self.replies.pop(0)

    def ask(self, request: AskRequest) -> Reply:
        self.asked.append(request)
        reply = self._next()
        assert isinstance(reply, (Answer, Typed)) or not isinstance(reply, (bool, str)), (request.question.id, reply)
        return reply  # type: ignore[return-value]

    def finish(self) -> bool:
        reply = self._next()
        assert isinstance(reply, bool), reply
        return reply

    def row(self, count: int) -> str:
        reply = self._next()
        assert isinstance(reply, str), reply
        return reply

    @property
    def asked_ids(self) -> list[str]:
        return [request.question.id for request in self.asked]
