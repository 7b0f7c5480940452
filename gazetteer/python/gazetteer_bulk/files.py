"""File destinations: one file per partition in DEST.parts/, then one merged DEST, both atomic.

Partition files are named after the partition key, so a resumed run finds the ones already
written and skips them. The merge reads the parts through a GDAL VRT union layer per layer and
writes DEST with GDAL's VectorTranslate into a hidden temporary name, renamed into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from xml.sax.saxutils import escape

FORMATS = {".gpkg": "GPKG", ".fgb": "FlatGeobuf", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def format_of(dest: str, fmt: str | None) -> str:
    """GDAL driver name (or "jsonl") for a destination path and an optional --format."""
    if fmt:
        f = fmt.lower()
        return {"gpkg": "GPKG", "fgb": "FlatGeobuf", "flatgeobuf": "FlatGeobuf", "jsonl": "jsonl"}.get(f) or \
            _unknown(fmt)
    ext = os.path.splitext(dest)[1].lower()
    if ext not in FORMATS:
        _unknown(ext or dest)
    return FORMATS[ext]


def _unknown(what: str):
    raise ValueError(f"{what}: unknown output format (use a postgresql:// URL, .gpkg, .fgb or .jsonl)")


def parts_dir(dest: str) -> str:
    return dest + ".parts"


def merge(dest: str, fmt: str, part_files: list[list[str]]) -> list[str]:
    """Merges the parts (each a list of files in layer order) into DEST; returns the files written."""
    import _gazetteer_engine as engine

    folder = os.path.dirname(os.path.abspath(dest))
    tmp = tempfile.mkdtemp(prefix="." + os.path.basename(dest) + ".merge-", dir=folder)
    try:
        if fmt == "jsonl":
            out = os.path.join(tmp, os.path.basename(dest))
            with open(out, "wb") as w:
                for files in part_files:
                    with open(files[0], "rb") as r:
                        shutil.copyfileobj(r, w, 1 << 20)
            targets = [dest]
        else:
            targets = engine.bulk_layer_files(dest, format=fmt)
            _merge_gdal(tmp, fmt, targets, part_files)
        for t in targets:
            os.replace(os.path.join(tmp, os.path.basename(t)), t)
        return targets
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _merge_gdal(tmp: str, fmt: str, targets: list[str], part_files: list[list[str]]) -> None:
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    layers = [s["name"] for s in __import__("_gazetteer_engine").bulk_layer_schemas()]
    # Which layer of which part file: GPKG holds all layers in one file, FlatGeobuf one per file.
    per_target = [layers] if len(targets) == 1 else [[name] for name in layers]
    for ti, target in enumerate(targets):
        vrt = ["<OGRVRTDataSource>"]
        for name in per_target[ti]:
            vrt.append(f'<OGRVRTUnionLayer name="{escape(name)}">')
            for files in part_files:
                src = files[0] if len(targets) == 1 else files[ti]
                ds = ogr.Open(src)
                src_layer = ds.GetLayerByName(name) if len(targets) == 1 else ds.GetLayer(0)
                vrt.append(f'<OGRVRTLayer name="{escape(os.path.basename(src))}-{escape(name)}">'
                           f"<SrcDataSource>{escape(os.path.abspath(src))}</SrcDataSource>"
                           f"<SrcLayer>{escape(src_layer.GetName())}</SrcLayer></OGRVRTLayer>")
                ds = None
            vrt.append("</OGRVRTUnionLayer>")
        vrt.append("</OGRVRTDataSource>")
        vrt_path = os.path.join(tmp, f"union-{ti}.vrt")
        with open(vrt_path, "w", encoding="utf-8") as f:
            f.write("".join(vrt))
        out = os.path.join(tmp, os.path.basename(target))
        gdal.VectorTranslate(out, vrt_path, format=fmt, layerCreationOptions=[] ,
                             options=["-nlt", "POINT"] + ([] if len(targets) == 1 else ["-nln", per_target[ti][0]]))
