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

# English name of each indicator, a plain translation of its Indonesian name (lower case
# key, as the catalogues spell it); the research catalogues' English labels are summaries
# and sometimes name another indicator (code 30 of 2022-2023 is "Online Sistem").
EN_NAMES = {
    "visi dan misi": "Vision and mission",
    "penetapan apbd tepat waktu dalam 3 tahun terakhir":
        "On-time enactment of the regional budget (APBD) in the last 3 years",
    "pengalokasian mandatory spending": "Allocation of mandatory spending",
    "kualitas peningkatan perizinan": "Quality of the increase in permits",
    "jumlah pendapatan perkapita": "Per-capita income",
    "progres penurunan tingkat pengangguran terbuka":
        "Progress in reducing the open unemployment rate",
    "persentase tingkat pengangguran terbuka (t-1)": "Open unemployment rate (T-1)",
    "jumlah peningkatan investasi": "Increase in investment",
    "jumlah peningkatan pad": "Increase in own-source revenue (PAD)",
    "opini bpk": "Audit opinion of the BPK",
    "nilai capaian lakip": "Performance accountability report (LAKIP) score",
    "progres penurunan angka kemiskinan": "Progress in reducing poverty",
    "persentase penduduk miskin (t-1)": "Share of the population in poverty (T-1)",
    "peningkatan ipm dua tahun terakhir":
        "Increase in the Human Development Index (IPM) over the last two years",
    "capaian ipm tahun terakhir": "Human Development Index (IPM) of the last year",
    "penghargaan bagi inovator": "Awards for innovators",
    "jumlah rekomendasi kebijakan yang mendukung inovasi":
        "Number of policy recommendations supporting innovation",
    "capaian nilai indeks kualitas kebijakan": "Policy Quality Index score",
    "rencana induk dan peta jalan pemajuan iptek daerah (ripj pid)":
        "Regional science and technology master plan and roadmap (RIPJ PID)",
    "fasilitasi pengakuan hak kekayaan intelektual atas inovasi daerah":
        "Facilitating intellectual property recognition for regional innovations",
    "regulasi inovasi daerah": "Regional innovation regulation",
    "ketersediaan sdm terhadap inovasi daerah": "Availability of staff for the innovation",
    "ketersediaan dan peran sdm terhadap inovasi daerah":
        "Availability and role of staff in the innovation",
    "dukungan anggaran": "Budget support",
    "penggunaan it": "Use of IT",
    "alat kerja": "Working tools",
    "bimtek inovasi": "Technical training on innovation",
    "program dan kegiatan inovasi perangkat daerah dalam rkpd":
        "Innovation programmes and activities of agencies in the RKPD (annual plan)",
    "integrasi program dan kegiatan inovasi dalam rkpd":
        "Innovation programmes and activities integrated in the RKPD (annual plan)",
    "keterlibatan aktor inovasi": "Involvement of innovation actors",
    "pelaksana inovasi daerah": "Implementers of the innovation",
    "jejaring inovasi": "Innovation network",
    "sosialisasi inovasi daerah": "Dissemination of the innovation",
    "pedoman teknis": "Technical guidelines",
    "kemudahan informasi layanan": "Ease of service information",
    "kemudahan proses inovasi yang dihasilkan": "Ease of the process the innovation produces",
    "penyelesaian layanan pengaduan": "Resolution of complaints",
    "online sistem": "Online system",
    "layanan terintegrasi": "Integrated service",
    "replikasi": "Replication",
    "kecepatan inovasi": "Speed of innovation",
    "kecepatan penciptaan inovasi": "Speed of creating the innovation",
    "kemanfaatan inovasi": "Benefit of the innovation",
    "monitoring dan evaluasi inovasi daerah": "Monitoring and evaluation of the innovation",
    "kualitas inovasi daerah": "Quality of the innovation",
    "video inovasi daerah": "Innovation video",
}

# English name of each variable (the group an indicator belongs to).
VARIABLE_EN = {
    "Institusi": "Institutions",
    "Sumber Daya Manusia": "Human resources",
    "Ekosistem Inovasi dan Kajian": "Innovation ecosystem and research",
    "Infrastruktur": "Infrastructure",
    "Kecanggihan Produk": "Product sophistication",
    "Output Pengetahuan dan Teknologi": "Knowledge and technology output",
    "Kecepatan Bisnis Proses": "Speed of business processes",
    "Jumlah Inovasi dan Hasil Kreatif": "Innovations and creative output",
}


def english_name(name_id: str) -> str:
    """The English name of an indicator (every Indonesian name must have one)."""
    key = " ".join(name_id.lower().split())
    if key not in EN_NAMES:
        raise SystemExit(f"no English name for indicator {name_id!r}: add it to EN_NAMES")
    return EN_NAMES[key]


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
            "name_en": english_name(name_id),
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
        out.insert(out.columns.get_loc("variable") + 1, "variable_en",
                   out["variable"].map(VARIABLE_EN))
        out.insert(0, "cycle", cycle)
        out.to_csv(out_dir / f"indicators_{cycle}.csv", index=False)
        print(f"indicators_{cycle}.csv: {len(out)} indicators")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
