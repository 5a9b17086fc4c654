"""Every model, seed and column the project builds is documented (the catalogue of a built
warehouse against the descriptions in the YAML), and no YAML documents a column that is not
there."""

from __future__ import annotations

from wecheer.dbt import run_dbt


def test_every_model_seed_and_column_is_documented(generated_warehouse, generated_manifest):
    db = generated_warehouse("realistic")
    result = run_dbt(["docs", "generate", "--no-compile"], db=db, manifest=generated_manifest)
    assert result.success
    catalog = result.result
    nodes = generated_manifest.nodes
    built = {uid: entry for uid, entry in catalog.nodes.items() if uid in nodes}
    assert len(built) > 40  # every model and the seed of the package
    undocumented, stale = [], []
    for uid, entry in built.items():
        node = nodes[uid]
        if not node.description.strip():
            undocumented.append(node.name)
        documented = {name.lower(): col for name, col in node.columns.items()}
        present = {name.lower() for name in entry.columns}
        undocumented += [
            f"{node.name}.{name}"
            for name in sorted(present)
            if name not in documented or not documented[name].description.strip()
        ]
        stale += [f"{node.name}.{name}" for name in sorted(set(documented) - present)]
    assert not undocumented, f"not documented: {undocumented}"
    assert not stale, f"documented but not built: {stale}"
