import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test writes its files to a folder of its own, and can list what it stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []
