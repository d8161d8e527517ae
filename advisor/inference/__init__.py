"""The inference: the engine that turns facts into advice, how conflicts settle, explanations, and which
questions are still worth asking. Pure: facts in, advice out."""
