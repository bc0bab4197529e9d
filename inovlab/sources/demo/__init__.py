"""The synthetic national demo panel: all 552 pemda, cycles 2022-2026, calibrated to the record.

Nothing here is real data: the tables are of source kind ``SOURCE_KIND`` (``"demo"``) and
are shown as ``i18n.source_label("demo")`` ("data demo (sintetis)"); the explicit bundle
:meth:`inovlab.sources.provenance.Inputs.demo` carries that label with them. The panel lets the notebooks run
out of the box on a believable national picture.

How the panel is made (all vectorised, one explicit ``seed``):

1. **Capacity.** Each pemda has a persistent capacity = province effect (Jawa-Bali higher,
   Tanah Papua lower) + cluster effect (kota higher) + own level, plus a fresh shock each
   cycle (so ranks persist but move).
2. **Participation.** Exactly the published number of pemda take part (the weakest are the
   likeliest to stay out); the six DKI administrative units never do (they are not
   autonomous pemda). Non-participants have no innovations and SPD level 0, so the scoring
   engine gives IID 0, "Tidak Dapat Dinilai".
3. **Innovations.** The published total per cycle is shared out in proportion to capacity,
   cluster and population. Each innovation gets an OPD (with its urusan), a tahapan, an
   implementation date (a few outside the cycle's window), design-narrative words, a video
   length and the 20 SID levels. Levels come from an ordinal model on a latent quality
   = region capacity + OPD strength (stronger and weaker OPDs within a pemda) + noise;
   indicators of the same variable share a factor (they correlate).
4. **Decisive indicators.** A few indicators per cycle load strongly on capacity and vary
   a lot (:data:`DECISIVE_BASE` plus one drawn per cycle); the others are mostly noise around
   a common level. Their true share of IID variance is written to the metadata.
5. **Calibration.** A location shift per cycle, and a common spread and kota effect, are
   solved so that the panel matches the published aggregates (:func:`inovlab.sources.published.targets`).
6. **Published rows.** Every published score (cycles 2022-2026) is reproduced within 0.5
   points and every published predikat exactly, by giving the pemda a region-year with the
   right result and then fine-tuning its SPD levels. Published innovation counts are used
   as they are.
7. **Scoring.** The ``hasil`` table is computed from the generated ``spd`` and ``inovasi``
   with :mod:`inovlab.rules.scoring`; re-scoring the panel gives the same numbers. During
   calibration the IID of the arrays is the same :mod:`inovlab.rules.formula`.

Where each step lives: :mod:`~inovlab.sources.demo.panel` (constants, :class:`DemoPanel`,
targets), :mod:`~inovlab.sources.demo.generator` (steps 1-4),
:mod:`~inovlab.sources.demo.calibration` (steps 5-6), :mod:`~inovlab.sources.demo.build`
(step 7, :func:`generate_panel`, metadata), :mod:`~inovlab.sources.demo.cache` (the parquet
cache, :func:`load_demo`, :func:`write_panel`) and :mod:`~inovlab.sources.demo.readme` (the
calibration table of ``data/demo/README.md``; ``python -m inovlab.sources.demo --readme``).

Examples
--------
>>> panel = load_demo()
>>> panel.metadata["sumber_data"], len(panel.hasil)
('demo', 2760)
"""

from inovlab.resources import data_dir
from inovlab.sources.demo.build import achieved_values, generate_panel, variance_shares
from inovlab.sources.demo.cache import (
    cache_dir,
    load_demo,
    write_cache,
    write_metadata,
    write_panel,
)
from inovlab.sources.demo.panel import (
    CYCLES,
    DECISIVE_BASE,
    DECISIVE_POOL,
    DEFAULT_SEED,
    GENERATOR_VERSION,
    OPD_CATALOGUE,
    SOURCE_KIND,
    DemoPanel,
    calibration_targets,
)
from inovlab.sources.demo.readme import (
    README_BEGIN,
    README_END,
    calibration_table,
    render_readme_table,
    update_readme,
)

__all__ = ["CYCLES", "DECISIVE_BASE", "DECISIVE_POOL", "DEFAULT_SEED", "GENERATOR_VERSION",
           "OPD_CATALOGUE", "README_BEGIN", "README_END", "SOURCE_KIND", "DemoPanel",
           "achieved_values", "cache_dir", "calibration_table", "calibration_targets",
           "data_dir", "generate_panel", "load_demo", "render_readme_table",
           "update_readme", "variance_shares", "write_cache", "write_metadata", "write_panel"]
