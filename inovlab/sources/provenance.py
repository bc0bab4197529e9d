"""Where the input tables came from, carried in one explicit object.

An :class:`Inputs` bundle holds the cycle, up to three contract tables (``hasil``, ``spd``,
``inovasi``) and the source kind of each (``published``, ``user`` or ``demo``). Analyses and
reports take the bundle, or the plain kind from :meth:`Inputs.source`, instead of reading
``DataFrame.attrs`` (which pandas drops on ``concat`` and ``groupby``, after which a table
would silently read "data pengguna").

Mixing kinds is refused unless asked for: a bundle with user tables and demo tables (or any
two kinds) needs ``allow_mixed=True``, and then every label names both kinds
(``"data pengguna + data demo (sintetis)"``). A combined kind is written ``"user+demo"``;
:func:`inovlab.i18n.source_label` renders it.

Examples
--------
>>> import pandas as pd
>>> hasil = pd.DataFrame({"tahun": [2026], "kode_wilayah": ["19.71"], "skor_iid": [55.0]})
>>> inputs = Inputs.from_tables(2026, hasil=hasil, source="user")
>>> inputs.source(), inputs.label(), inputs.label("hasil", lang="en")
('user', 'data pengguna', 'user data')
>>> inputs.with_table("spd", pd.DataFrame(), source="demo")
Traceback (most recent call last):
...
ValueError: Tabel dari sumber berbeda (hasil: user, spd: demo) tidak boleh dicampur tanpa allow_mixed=True. (Tables from different sources need allow_mixed=True.)
>>> mixed = inputs.with_table("spd", pd.DataFrame(), source="demo", allow_mixed=True)
>>> mixed.source(), mixed.label()
('user+demo', 'data pengguna + data demo (sintetis)')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import pandas as pd

from inovlab.i18n import SOURCE_LABELS, source_label

SOURCE_KINDS = tuple(SOURCE_LABELS)
"""The known source kinds: ``published``, ``demo``, ``user``."""

TABLES = ("hasil", "spd", "inovasi")
"""The contract tables a bundle may hold, in this order."""


def check_source(kind: str) -> str:
    """Return ``kind`` when it is a known (possibly combined ``a+b``) source kind.

    Examples
    --------
    >>> check_source("demo"), check_source("user+demo")
    ('demo', 'user+demo')
    >>> check_source("pengguna")
    Traceback (most recent call last):
    ...
    ValueError: Sumber data tidak dikenal: 'pengguna' (pilihan: published, demo, user).
    """
    parts = str(kind).split("+")
    if not all(p in SOURCE_KINDS for p in parts):
        raise ValueError(f"Sumber data tidak dikenal: {kind!r} (pilihan: {', '.join(SOURCE_KINDS)}).")
    return str(kind)


def combine_sources(*kinds: str) -> str:
    """One kind naming every distinct kind given, in first-seen order (``"user+demo"``).

    Examples
    --------
    >>> combine_sources("user", "demo", "user")
    'user+demo'
    >>> combine_sources("demo+user", "published")
    'demo+user+published'
    """
    seen: list[str] = []
    for kind in kinds:
        for part in check_source(kind).split("+"):
            if part not in seen:
                seen.append(part)
    if not seen:
        raise ValueError("combine_sources needs at least one kind")
    return "+".join(seen)


def _kinds_per_table(tables: Mapping[str, pd.DataFrame | None],
                     source: str | Mapping[str, str]) -> dict[str, str]:
    present = [name for name in TABLES if tables.get(name) is not None]
    if isinstance(source, Mapping):
        missing = [name for name in present if name not in source]
        if missing:
            raise ValueError(f"Sumber data belum disebut untuk tabel: {', '.join(missing)}.")
        return {name: check_source(source[name]) for name in present}
    return {name: check_source(source) for name in present}


@dataclass(frozen=True)
class Inputs:
    """The input tables of one analysis and where each came from.

    Build it with :meth:`from_tables`, :meth:`demo` or :meth:`with_table`; the constructor
    checks that every present table has a kind and that kinds are not mixed by accident.

    Attributes
    ----------
    cycle : int
        Assessment year whose framework applies (:attr:`framework`). Tables may hold more
        years (the demo panel holds every cycle); :meth:`of_cycle` gives one year's rows.
    hasil, spd, inovasi : DataFrame or None
        Contract tables (canonical column names); None when not given.
    sources : mapping
        Source kind per present table, e.g. ``{"hasil": "user", "spd": "demo"}``.
    allow_mixed : bool
        True when tables of different kinds were combined on purpose (a labelled demo
        comparison); labels then name every kind.

    Examples
    --------
    >>> import pandas as pd
    >>> b = Inputs(2026, inovasi=pd.DataFrame({"tahun": [2025, 2026]}),
    ...            sources={"inovasi": "demo"})
    >>> b.tables().keys(), len(b.of_cycle("inovasi")), b.framework.cycle
    (dict_keys(['inovasi']), 1, 2026)
    """

    cycle: int
    hasil: pd.DataFrame | None = field(default=None, repr=False)
    spd: pd.DataFrame | None = field(default=None, repr=False)
    inovasi: pd.DataFrame | None = field(default=None, repr=False)
    sources: Mapping[str, str] = field(default_factory=dict)
    allow_mixed: bool = False

    def __post_init__(self):
        object.__setattr__(self, "cycle", int(self.cycle))
        extra = sorted(set(self.sources) - set(TABLES))
        if extra:
            raise ValueError(f"Tabel tidak dikenal: {', '.join(extra)} (pilihan: {', '.join(TABLES)}).")
        kinds = _kinds_per_table(self.tables(), dict(self.sources))
        object.__setattr__(self, "sources", MappingProxyType(kinds))
        if len(set(kinds.values())) > 1 and not self.allow_mixed:
            listed = ", ".join(f"{name}: {kind}" for name, kind in kinds.items())
            raise ValueError(
                f"Tabel dari sumber berbeda ({listed}) tidak boleh dicampur tanpa "
                "allow_mixed=True. (Tables from different sources need allow_mixed=True.)")

    # -- constructors ------------------------------------------------------------------
    @classmethod
    def from_tables(cls, cycle: int, *, hasil: pd.DataFrame | None = None,
                    spd: pd.DataFrame | None = None, inovasi: pd.DataFrame | None = None,
                    source: str | Mapping[str, str] = "user",
                    allow_mixed: bool = False) -> Inputs:
        """A bundle from tables already read (e.g. by :func:`inovlab.io.validation.load_table`).

        Parameters
        ----------
        cycle : int
        hasil, spd, inovasi : DataFrame, optional
        source : str or mapping
            One kind for every table, or a kind per table name.
        allow_mixed : bool
            Needed when the kinds differ.

        Examples
        --------
        >>> import pandas as pd
        >>> Inputs.from_tables(2026, spd=pd.DataFrame(), source="demo").sources["spd"]
        'demo'
        """
        return cls(cycle, hasil=hasil, spd=spd, inovasi=inovasi,
                   sources=_kinds_per_table({"hasil": hasil, "spd": spd, "inovasi": inovasi},
                                            source),
                   allow_mixed=allow_mixed)

    @classmethod
    def demo(cls, cycle: int | None = None, seed: int | None = None) -> Inputs:
        """The synthetic demo panel (every cycle, all three tables), labelled ``demo``.

        Parameters
        ----------
        cycle : int, optional
            Framework cycle; defaults to the demo panel's latest cycle.
        seed : int, optional
            Demo generator seed; defaults to :data:`inovlab.sources.demo.DEFAULT_SEED`.

        Examples
        --------
        >>> d = Inputs.demo(2026)
        >>> d.source(), sorted(d.of_cycle("hasil")["tahun"].unique().tolist())
        ('demo', [2026])
        """
        from inovlab.sources import demo as demo_source  # heavy; only when asked for

        panel = demo_source.load_demo(demo_source.DEFAULT_SEED if seed is None else seed)
        if cycle is None:
            cycle = int(panel.hasil["tahun"].max())
        return cls.from_tables(cycle, **panel.tables(), source=demo_source.SOURCE_KIND)

    def with_table(self, name: str, table: pd.DataFrame | None, source: str,
                   allow_mixed: bool | None = None) -> Inputs:
        """A new bundle with table ``name`` replaced (None drops it) and its kind set.

        ``allow_mixed`` defaults to this bundle's setting.

        Examples
        --------
        >>> import pandas as pd
        >>> b = Inputs.from_tables(2026, hasil=pd.DataFrame(), source="demo")
        >>> b.with_table("hasil", pd.DataFrame(), "user").source()
        'user'
        """
        if name not in TABLES:
            raise ValueError(f"Tabel tidak dikenal: {name} (pilihan: {', '.join(TABLES)}).")
        sources = {k: v for k, v in self.sources.items() if k != name}
        if table is not None:
            sources[name] = source
        mixed = self.allow_mixed if allow_mixed is None else allow_mixed
        return replace(self, **{name: table}, sources=sources, allow_mixed=mixed)

    # -- access ----------------------------------------------------------------------
    @property
    def framework(self):
        """The cycle's :class:`inovlab.rules.framework.Framework` (cached, read-only)."""
        from inovlab.rules.framework import load_framework

        return load_framework(self.cycle)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The present tables by contract name, in :data:`TABLES` order."""
        found = {name: getattr(self, name) for name in TABLES}
        return {name: table for name, table in found.items() if table is not None}

    def table(self, name: str) -> pd.DataFrame:
        """Table ``name``; raises ValueError naming it when the bundle does not hold it."""
        table = getattr(self, name, None) if name in TABLES else None
        if table is None:
            raise ValueError(f"Tabel {name!r} tidak ada dalam masukan (ada: "
                             f"{', '.join(self.tables()) or '-'}).")
        return table

    def of_cycle(self, name: str, cycle: int | None = None) -> pd.DataFrame:
        """Rows of table ``name`` for ``cycle`` (default: the bundle's cycle)."""
        table = self.table(name)
        year = self.cycle if cycle is None else int(cycle)
        return table[table["tahun"] == year] if "tahun" in table else table

    def source(self, *names: str) -> str:
        """The kind of the named tables (all present tables when none is named).

        A single kind (``"demo"``) or, for a mixed bundle, the combined kind
        (``"user+demo"``). Pass it as ``source=`` to figures and reports.
        """
        names = names or tuple(self.sources)
        if not names:
            raise ValueError("Masukan kosong: tidak ada tabel, jadi tidak ada sumber data.")
        for name in names:
            self.table(name)
        return combine_sources(*(self.sources[name] for name in names))

    def label(self, *names: str, lang: str = "id") -> str:
        """The reader-facing source label of the named tables (all when none is named)."""
        return source_label(self.source(*names), lang)

    @property
    def is_demo(self) -> bool:
        """True when any table is synthetic demo data."""
        return "demo" in self.source().split("+")


def source_of(source) -> str:
    """The kind string of ``source``: a kind (checked) or anything with ``.source()``.

    Figures and reports call this on their ``source=`` argument; a missing source is an
    error rather than a silent "data pengguna".

    Examples
    --------
    >>> source_of("demo")
    'demo'
    >>> source_of(None)
    Traceback (most recent call last):
    ...
    ValueError: Sebutkan sumber data (source='published'/'demo'/'user' atau Inputs). (Name the data source.)
    """
    if source is None:
        raise ValueError("Sebutkan sumber data (source='published'/'demo'/'user' atau Inputs). "
                         "(Name the data source.)")
    if hasattr(source, "source") and callable(source.source):
        return source.source()
    return check_source(source)
