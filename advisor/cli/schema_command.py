"""`advisor schema`: the JSON Schema of the answers file."""

from __future__ import annotations

import json

import click

from advisor.cli.app import rules_option


@click.command("schema")
@rules_option
def schema(rules_dir: object) -> None:
    """Print the JSON Schema of the answers file (every field, its type, unit and meaning)."""
    from advisor.brief.model import Brief

    document = Brief.model_json_schema(mode="validation")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "ML Design Advisor answers file"
    document["description"] = (
        "The answers of the questionnaire as YAML or JSON. Every field is optional: leave out what is not known. "
        "Units: latency in ms, throughput per minute, costs in the brief's currency per prediction, sizes in MB."
    )
    click.echo(json.dumps(document, indent=2, sort_keys=False))


def register(group: click.Group) -> None:
    group.add_command(schema)
