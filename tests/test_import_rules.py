"""Import rules between packages, read from the source with ast (nothing is imported)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path, root: Path) -> set[str]:
    """Every module a file imports, at any depth (function bodies too), as absolute names."""
    package = '.'.join(path.relative_to(root).with_suffix('').parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit('.', node.level - 1)[0] if node.level else ''
            module = '.'.join(part for part in (base, node.module) if part)
            found.add(module)
            found.update(f'{module}.{alias.name}' for alias in node.names)
    return found


def forbidden_imports(folder: str, forbidden: str, root: Path = ROOT) -> dict[str, list[str]]:
    """{file: the modules it imports from `forbidden`} for each Python file under `folder`."""
    offenders = {}
    for path in sorted((root / folder).rglob('*.py')):
        found = imported_modules(path, root)
        bad = sorted(name for name in found if name == forbidden or name.startswith(f'{forbidden}.'))
        if bad:
            offenders[path.relative_to(root).as_posix()] = bad
    return offenders


def test_http_never_imports_the_kit() -> None:
    # The kit builds its resources on http/; the reverse would tie the two in a cycle.
    assert forbidden_imports('wazo_confd/http', 'wazo_confd.kit') == {}


def test_the_rule_sees_absolute_relative_and_nested_imports(tmp_path: Path) -> None:
    folder = tmp_path / 'wazo_confd' / 'http'
    folder.mkdir(parents=True)
    (folder / 'clean.py').write_text('from . import errors\nfrom wazo_confd.database import uow\n')
    (folder / 'openapi.py').write_text('from ..kit.schema import Link\n\ndef f():\n    import wazo_confd.kit\n')

    found = forbidden_imports('wazo_confd/http', 'wazo_confd.kit', root=tmp_path)

    assert found == {
        'wazo_confd/http/openapi.py': ['wazo_confd.kit', 'wazo_confd.kit.schema', 'wazo_confd.kit.schema.Link']
    }
