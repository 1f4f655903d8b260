"""docs/contracts/*.md are what scripts/contract_docs.py writes from the registry: a contract's
ports, walls, fallacies or quirks cannot change without its page changing with it."""

import importlib.util


def test_contract_pages_are_current(source_dir):
    spec = importlib.util.spec_from_file_location("contract_docs", source_dir / "scripts" / "contract_docs.py")
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    covered = {c for _, contracts in docs.FAMILIES.values() for c in contracts}
    assert len(covered) == 25, "every contract of MLSys·im's 25 resolvers is on a page"
    for slug, text in docs.pages().items():
        page = source_dir / "docs" / "contracts" / f"{slug}.md"
        assert page.read_text(encoding="utf-8") == text, (
            f"{page} is stale: run PYTHONPATH=build/lib/python3/dist-packages /usr/bin/python3 scripts/contract_docs.py")
