#!/usr/bin/env python3
"""Writes gable_houses.gml: two LoD2 houses with gable roofs (CityGML 2.0, EPSG:2056), walls,
roof and ground surfaces with their semantics, on ground at 400 m and 403 m; the second house
has a BuildingPart annex. Eaves 6 m above the base, ridge 9 m. Run: python3 make_gml.py"""
X0, Y0 = 2683000.0, 1247000.0


def ring(pts):
    pts = pts + [pts[0]]
    return ' '.join(f'{x:.3f} {y:.3f} {z:.3f}' for x, y, z in pts)


def surface(kind, pts, sid):
    return (f'<bldg:boundedBy><bldg:{kind} gml:id="{sid}"><bldg:lod2MultiSurface><gml:MultiSurface>'
            f'<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList srsDimension="3">'
            f'{ring(pts)}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>'
            f'</gml:MultiSurface></bldg:lod2MultiSurface></bldg:{kind}></bldg:boundedBy>\n')


def house(x, y, w, d, z, eaves, ridge, hid):
    a, b, c, e = (x, y), (x + w, y), (x + w, y + d), (x, y + d)
    ze, zr, ym = z + eaves, z + ridge, y + d / 2
    s = surface('GroundSurface', [(*a, z), (*e, z), (*c, z), (*b, z)], hid + '-g')
    s += surface('WallSurface', [(*a, z), (*b, z), (*b, ze), (*a, ze)], hid + '-w1')
    s += surface('WallSurface', [(*c, z), (*e, z), (*e, ze), (*c, ze)], hid + '-w2')
    s += surface('WallSurface', [(*b, z), (*c, z), (*c, ze), (x + w, ym, zr), (*b, ze)], hid + '-w3')
    s += surface('WallSurface', [(*e, z), (*a, z), (*a, ze), (x, ym, zr), (*e, ze)], hid + '-w4')
    s += surface('RoofSurface', [(*a, ze), (*b, ze), (x + w, ym, zr), (x, ym, zr)], hid + '-r1')
    s += surface('RoofSurface', [(*c, ze), (*e, ze), (x, ym, zr), (x + w, ym, zr)], hid + '-r2')
    return s


with open('gable_houses.gml', 'w') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by make_gml.py -->\n'
            '<core:CityModel xmlns:core="http://www.opengis.net/citygml/2.0" '
            'xmlns:bldg="http://www.opengis.net/citygml/building/2.0" xmlns:gml="http://www.opengis.net/gml" '
            'xmlns:gen="http://www.opengis.net/citygml/generics/2.0">\n'
            f'<gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::2056" srsDimension="3">'
            f'<gml:lowerCorner>{X0} {Y0} 400</gml:lowerCorner><gml:upperCorner>{X0 + 60} {Y0 + 40} 420</gml:upperCorner>'
            '</gml:Envelope></gml:boundedBy>\n')
    f.write('<core:cityObjectMember><bldg:Building gml:id="house-1">'
            '<gen:stringAttribute name="use"><gen:value>residential</gen:value></gen:stringAttribute>\n')
    f.write(house(X0, Y0, 10, 8, 400.0, 6, 9, 'house-1'))
    f.write('</bldg:Building></core:cityObjectMember>\n')
    f.write('<core:cityObjectMember><bldg:Building gml:id="house-2">'
            '<gen:stringAttribute name="use"><gen:value>school</gen:value></gen:stringAttribute>\n')
    f.write('<bldg:consistsOfBuildingPart><bldg:BuildingPart gml:id="house-2-main">\n')
    f.write(house(X0 + 30, Y0, 12, 10, 403.0, 6, 9, 'house-2-main'))
    f.write('</bldg:BuildingPart></bldg:consistsOfBuildingPart>\n')
    f.write('<bldg:consistsOfBuildingPart><bldg:BuildingPart gml:id="house-2-annex">\n')
    f.write(house(X0 + 42, Y0 + 2, 6, 6, 403.0, 3, 4.5, 'house-2-annex'))
    f.write('</bldg:BuildingPart></bldg:consistsOfBuildingPart>\n')
    f.write('</bldg:Building></core:cityObjectMember>\n</core:CityModel>\n')
