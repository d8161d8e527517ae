"""The brief: the project's answers (typed fields, enums, the answers file) and the facts measured on data."""
