"""Build inovlab's per-cycle indicator catalogues from the research notes in ../shared.

Run once when the research catalogues change::

    python tools/build_framework.py ../shared/domain/framework data/framework

It writes ``indicators_<cycle>.csv`` for 2022-2029 (one row per indicator with the label of
each level 1-3). The rules table ``data/framework/rules.csv`` is curated by hand (one row per
cycle and rule, with confidence and source) and is not touched here. Which research catalogue
feeds which cycle, and how sure we are of that, is the ``PLAN`` below.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

# cycle -> (SID catalogue year, SID confidence, SPD catalogue year, SPD confidence, note)
PLAN = {
    2022: (2023, "inferred", 2026, "inferred",
           "SID scheme B assumed for 2022 (same 111-point maximum cited in Feb 2023); "
           "SPD list and weights of 2026 assumed"),
    2023: (2023, "secondary", 2026, "inferred",
           "SID from a local replica labelled IID 2023; SPD list and weights of 2026 assumed"),
    2024: (2024, "secondary", 2026, "inferred",
           "SID from the BRIDA Kota Makassar replica (2024 rules); SPD of 2026 assumed"),
    2025: (2024, "inferred", 2026, "inferred",
           "no 2025 replica found: SID scheme C of 2024 and SPD of 2026 assumed"),
    2026: (2026, "secondary", 2026, "secondary",
           "Lampiran I-II Surat Kepala BSKDN 400.10.11/1887/BSKDN (29 Apr 2026) via local apps"),
    2027: (2026, "inferred", 2026, "inferred", "2026 catalogue carried forward (not yet published)"),
    2028: (2026, "inferred", 2026, "inferred", "2026 catalogue carried forward (not yet published)"),
    2029: (2026, "inferred", 2026, "inferred", "2026 catalogue carried forward (not yet published)"),
}

# SPD indicators marked wajib (W) in the 2026 list (iid_methodology.md, section 4.1).
SPD_MANDATORY = {"1", "3", "4", "5a", "5b", "6", "7", "8", "9", "10a", "10b", "11a", "11b"}
# The five SID indicators starred in 2024 and flagged wajib in 2026.
SID_MANDATORY = {"16", "17", "32", "33", "35"}

# Variable of each SID indicator as coded in the 2026 app (methodology section 2, [S]).
SID_VARIABLE = {
    **dict.fromkeys(["16", "17", "18", "20", "21"], "Infrastruktur"),
    **dict.fromkeys(["19", "30", "31"], "Kecanggihan Produk"),
    **dict.fromkeys(["22", "23", "24", "25"], "Output Pengetahuan dan Teknologi"),
    **dict.fromkeys(["26", "27", "28", "29", "32"], "Kecepatan Bisnis Proses"),
    **dict.fromkeys(["33", "34", "35"], "Jumlah Inovasi dan Hasil Kreatif"),
}

# The 2024 replica stores indicator 16 as levels 1-3 with no weight; 2023 and 2026 both
# weight it 3, and only weight 3 keeps the 111-point maximum quoted for every cycle.
WEIGHT_FIX = {(2024, "16"): 3.0}

EN_OVERRIDE = {"33": "Benefit of the innovation", "30": "Integrated service"}


def _clean_name(name: str) -> tuple[str, str | None]:
    """Strip the '(wajib)', '(mandatory *)', '[Variable]' and '- basis x' decorations."""
    variable = None
    m = re.search(r"\[(.+?)\]", name)
    if m:
        variable = m.group(1)
        name = name.replace(m.group(0), "")
    name = re.sub(r"\((wajib|mandatory \*)\)", "", name)
    name = re.sub(r"\s+-\s+basis .*$", "", name)
    return " ".join(name.split()), variable


def _basis(name: str) -> str | None:
    m = re.search(r"basis (\w): (.+)$", name)
    return f"basis {m.group(1)} ({m.group(2)})" if m else None


def catalogue(src: pd.DataFrame, unit: str, year: int) -> pd.DataFrame:
    """One row per indicator of ``unit`` with weight and level labels."""
    part = src[(src["unit"] == unit) & (src["code"].astype(str) != "36")].copy()
    part["code"] = part["code"].astype(str)
    rows = []
    for code, g in part.groupby("code", sort=False):
        weight = g["indicator_weight"].dropna()
        weight = float(weight.iloc[0]) if len(weight) else float(g["option_score"].max()) / 3
        # Level = score / weight, computed before any weight fix (the fix is about the weight).
        level_unit = weight
        weight = WEIGHT_FIX.get((year, code), weight)
        name_id, variable = _clean_name(str(g["name_id"].iloc[0]))
        levels = {}
        for _, r in g.iterrows():
            level = round(float(r["option_score"]) / level_unit)
            if level == 0:
                continue
            label = str(r["option_label_id"]).strip()
            basis = _basis(str(r["name_id"]))
            if basis:
                label = f"{basis}: {label}"
            levels.setdefault(level, [])
            if label not in levels[level]:
                levels[level].append(label)
        if sorted(levels) != [1, 2, 3]:
            raise SystemExit(f"{unit} {code}: levels {sorted(levels)} are not 1-3")
        rows.append({
            "code": code,
            "unit": unit,
            "name_id": name_id,
            "name_en": EN_OVERRIDE.get(code, str(g["name_en"].iloc[0]).split(" (")[0]),
            "variable": variable if unit == "spd" else SID_VARIABLE[code],
            "weight": weight,
            "mandatory": code in (SPD_MANDATORY if unit == "spd" else SID_MANDATORY),
            "weight_note": ("weight 3 inferred: replica gives levels only"
                            if (year, code) in WEIGHT_FIX else ""),
            "level_1": " | ".join(levels[1]),
            "level_2": " | ".join(levels[2]),
            "level_3": " | ".join(levels[3]),
        })
    return pd.DataFrame(rows)


def build(src_dir: Path, out_dir: Path) -> None:
    sources = {y: pd.read_csv(src_dir / f"iid_indicators_{y}.csv", dtype={"code": str})
               for y in (2023, 2024, 2026)}
    for cycle, (sid_year, sid_conf, spd_year, spd_conf, note) in PLAN.items():
        parts = []
        for unit, year, conf in (("spd", spd_year, spd_conf), ("sid", sid_year, sid_conf)):
            src = sources[year]
            table = catalogue(src, unit, year)
            table["confidence"] = conf
            table["source"] = (f"../shared/domain/framework/iid_indicators_{year}.csv: "
                               + str(src["source"].iloc[0]))
            table["note"] = note
            fixed = table.pop("weight_note") != ""
            table.loc[fixed, "note"] = note + "; weight 3 inferred (the replica gives levels only)"
            if unit == "sid" and cycle < 2024:
                table.loc[table["mandatory"], "note"] = (
                    note + "; mandatory status before 2024 unknown, 2024 set assumed")
            parts.append(table)
        out = pd.concat(parts, ignore_index=True)
        out.insert(0, "cycle", cycle)
        out.to_csv(out_dir / f"indicators_{cycle}.csv", index=False)
        print(f"indicators_{cycle}.csv: {len(out)} indicators")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
