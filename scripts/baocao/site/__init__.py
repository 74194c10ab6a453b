"""The published site: MkDocs + mkdocs-material, pages generated from the round model."""
