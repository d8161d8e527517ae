"""The knowledge: the rule base's model (rules, conditions, facts, questions, catalog, cases, sources),
its loader and its checks, and where the bundled resources are."""
