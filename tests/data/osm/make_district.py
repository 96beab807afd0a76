#!/usr/bin/env python3
"""Writes district.osm (one example of each rule of `citynoise osm`, near Geneva) and
no_buildings.osm (a road only, which `citynoise osm` must refuse). Python standard library;
deterministic. Run from this folder: python3 make_district.py"""
LAT0, LON0 = 46.2000, 6.1400
DLAT, DLON = 1 / 111195.0, 1 / (111195.0 * 0.6921)  # degrees per metre (cos 46.2° = 0.6921)
nodes, ways = [], []


def node(x, y):
    nodes.append((len(nodes) + 1, LAT0 + y * DLAT, LON0 + x * DLON))
    return len(nodes)


def square(x, y, w, h):
    a = [node(x, y), node(x + w, y), node(x + w, y + h), node(x, y + h)]
    return a + [a[0]]


def line(*pts):
    return [node(x, y) for x, y in pts]


def way(wid, refs, **tags):
    ways.append((wid, refs, {k.replace('__', ':'): v for k, v in tags.items()}))


way(10, square(0, 0, 200, 100), landuse='residential')
way(1, square(10, 10, 20, 15), building='apartments', building__levels='5', roof__levels='1', name='Les Tilleuls')
way(2, square(40, 10, 30, 20), building='school', height='12 m')
way(3, square(80, 10, 15, 10), building='yes')                      # residential from the land use
way(4, square(100, 10, 10, 10), building='roof')                    # no walls: left out
way(5, square(120, 10, 25, 20), building='yes', amenity='hospital')
way(6, square(10, 50, 30, 20), building='yes')                      # replaced by its two parts
way(7, square(10, 50, 10, 20), building__part='yes', building__levels='10')
way(8, square(20, 50, 20, 20), building__part='yes', building__levels='2')
way(9, square(60, 50, 10, 10), building='yes', building__min_level='1')  # raised: left out
way(11, square(300, 0, 50, 50), leisure='park')
way(12, square(300, 60, 30, 30), natural='water')
way(20, line((-50, 40), (250, 40)), highway='primary', maxspeed='30 mph', lanes='4')
way(21, line((0, 45), (100, 45)), highway='footway')
way(22, line((0, -20), (200, -20)), highway='secondary', tunnel='yes')
way(23, line((0, 120), (200, 120)), highway='residential', oneway='yes', bridge='yes')
way(30, line((-50, 140), (250, 140)), railway='tram')
way(31, line((-50, 160), (250, 160)), railway='subway', tunnel='yes')
way(32, line((-50, 180), (250, 180)), railway='abandoned')

with open('district.osm', 'w') as f:
    f.write("<?xml version='1.0' encoding='UTF-8'?>\n<!-- made by make_district.py -->\n")
    f.write('<osm version="0.6" generator="citynoise tests">\n')
    for i, lat, lon in nodes:
        f.write(f'  <node id="{i}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>\n')
    for wid, refs, tags in ways:
        f.write(f'  <way id="{wid}" version="1">\n')
        for r in refs:
            f.write(f'    <nd ref="{r}"/>\n')
        for k, v in tags.items():
            f.write(f'    <tag k="{k}" v="{v}"/>\n')
        f.write('  </way>\n')
    f.write('</osm>\n')

with open('no_buildings.osm', 'w') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="citynoise tests">\n')
    for i in (1, 2):
        f.write(f'  <node id="{i}" version="1" lat="{LAT0 + i * 1e-4:.7f}" lon="{LON0:.7f}"/>\n')
    f.write('  <way id="1" version="1">\n    <nd ref="1"/>\n    <nd ref="2"/>\n    <tag k="highway" v="primary"/>\n  </way>\n</osm>\n')
