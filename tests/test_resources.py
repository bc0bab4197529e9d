"""Tests for inovlab.resources: data, notebooks and cache found without a git clone."""

from pathlib import Path

import platformdirs
import pytest

from inovlab import resources


@pytest.fixture
def no_overrides(monkeypatch):
    for name in (resources.DATA_ENV, resources.NOTEBOOK_ENV, resources.CACHE_ENV):
        monkeypatch.delenv(name, raising=False)


def test_bundled_data_and_notebooks(no_overrides):
    data = resources.data_dir()
    for part in ("framework/rules.csv", "framework/urusan.csv", "regions/regions.csv",
                 "published/hasil_terpublikasi.csv", "planner/biaya_default.csv",
                 "contoh/inovasi_contoh.csv", "demo/README.md", "templates/README.md"):
        assert (data / part).is_file(), part
    assert resources.framework_dir() == data / "framework"
    assert resources.data_path("regions", "regions.csv") == data / "regions" / "regions.csv"
    names = [p.name for p in sorted(resources.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))]
    assert names[0].startswith("01_") and len(names) >= 6


def test_environment_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv(resources.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(resources.NOTEBOOK_ENV, str(tmp_path / "nb"))
    monkeypatch.setenv(resources.CACHE_ENV, str(tmp_path / "cache"))
    assert resources.data_dir() == tmp_path / "data"
    assert resources.framework_dir() == tmp_path / "data" / "framework"
    assert resources.notebooks_dir() == tmp_path / "nb"
    assert resources.cache_dir() == tmp_path / "cache"


def test_installed_package_wins_over_the_clone(tmp_path, monkeypatch, no_overrides):
    """A wheel install has inovlab/data and inovlab/notebooks beside the modules."""
    installed = tmp_path / "site-packages" / "inovlab"
    (installed / "data" / "framework").mkdir(parents=True)
    (installed / "notebooks").mkdir()
    monkeypatch.setattr(resources._resources, "files", lambda package: installed)
    assert resources.data_dir() == installed / "data"
    assert resources.framework_dir() == installed / "data" / "framework"
    assert resources.notebooks_dir() == installed / "notebooks"


def test_clone_fallback_when_not_installed(tmp_path, monkeypatch, no_overrides):
    """An editable install has no inovlab/data: the clone's top-level folders are used."""
    monkeypatch.setattr(resources._resources, "files", lambda package: tmp_path / "inovlab")
    assert resources.data_dir() == resources.REPO_ROOT / "data"
    assert resources.notebooks_dir() == resources.REPO_ROOT / "notebooks"


def test_cache_is_the_user_cache_folder(no_overrides):
    cache = resources.cache_dir()
    assert cache == Path(platformdirs.user_cache_dir("inovlab", appauthor=False))
    assert resources.REPO_ROOT not in cache.parents


def test_demo_cache_never_in_the_data_or_the_clone(tmp_path, monkeypatch, no_overrides):
    from inovlab.sources import demo

    assert resources.data_dir() not in demo.cache_dir().parents
    assert resources.REPO_ROOT not in demo.cache_dir().parents
    monkeypatch.setenv(resources.CACHE_ENV, str(tmp_path))
    assert demo.cache_dir(7) == tmp_path / "demo" / "seed-7"
