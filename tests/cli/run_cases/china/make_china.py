#!/usr/bin/env python3
"""Writes a tiny Chongqing-like district in CGCS2000 geographic coordinates (EPSG:4490) with
Chinese attribute names: buildings (编号, 层数, 用途), roads (编号, 道路等级, counts by vehicle class
小型车/中型车/大型车 per period, 设计车速) and one branch road without counts (its traffic from
its class). Run: python3 make_china.py"""
import json
LON0, LAT0 = 106.5700, 29.5600
M_LAT = 1 / 110950.0
M_LON = 1 / (111320.0 * 0.8699)  # cos 29.56°


def ll(x, y):
    return [round(LON0 + x * M_LON, 8), round(LAT0 + y * M_LAT, 8)]


def square(x, y, w, h):
    return [[ll(x, y), ll(x + w, y), ll(x + w, y + h), ll(x, y + h), ll(x, y)]]


crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}}
buildings = [("B1", 0, 20, 30, 15, 10, "住宅"), ("B2", 0, 100, 30, 15, 6, "学校"), ("B3", 60, 20, 20, 20, 3, "商业")]
feats = [{"type": "Feature", "properties": {"编号": i, "层数": n, "用途": u}, "geometry": {"type": "Polygon", "coordinates": square(x, y, w, h)}}
         for i, x, y, w, h, n, u in buildings]
json.dump({"type": "FeatureCollection", "crs": crs, "features": feats}, open("buildings.geojson", "w"), ensure_ascii=False)
roads = [
    {"编号": "R1", "道路等级": "主干路", "小型车_D": 1200, "中型车_D": 80, "大型车_D": 40, "小型车_E": 800, "中型车_E": 40,
     "大型车_E": 20, "小型车_N": 300, "中型车_N": 20, "大型车_N": 30, "设计车速": 50},
]
rf = [{"type": "Feature", "properties": roads[0], "geometry": {"type": "LineString", "coordinates": [ll(-100, 0), ll(200, 0)]}}]
json.dump({"type": "FeatureCollection", "crs": crs, "features": rf}, open("roads.geojson", "w"), ensure_ascii=False)
branch = [{"type": "Feature", "properties": {"编号": "R2", "道路等级": "支路"},
           "geometry": {"type": "LineString", "coordinates": [ll(45, -50), ll(45, 200)]}}]
json.dump({"type": "FeatureCollection", "crs": crs, "features": branch}, open("branch_roads.geojson", "w"), ensure_ascii=False)
