"""Points of a GeoPackage layer by plain sqlite3: the GeoPackage binary header, then WKB."""
import sqlite3
import struct


def point(blob):
    flags = blob[3]
    order = "<" if flags & 1 else ">"
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    wkb = blob[8 + envelope:]
    o = "<" if wkb[0] == 1 else ">"
    kind = struct.unpack(o + "I", wkb[1:5])[0]
    has_z = kind in (1001, 0x80000001)
    xyz = struct.unpack(o + ("ddd" if has_z else "dd"), wkb[5:5 + (24 if has_z else 16)])
    return xyz if has_z else (*xyz, 0.0)


def layer_points(gpkg, layer, columns):
    """[(id, x, y, z, *columns)] of a point layer."""
    db = sqlite3.connect(gpkg)
    geom = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()[0]
    cols = ", ".join(["id", geom] + columns)
    return [(r[0], *point(r[1]), *r[2:]) for r in db.execute(f'SELECT {cols} FROM "{layer}"')]
