#!/usr/bin/env python3
"""An independent check of the page's screenshots (PNG decoded here with zlib, no imaging library):
the map is not blank, the legend's swatches are the palette's colours (io/data/palettes.json), the
clicked building's pixel is its class colour highlighted (the palette colour times CesiumJS's yellow
highlight: red and green kept, blue 0), the Ln view differs from the Lden view, and the comparison
paints façades in the difference palette's "quieter" classes.
Usage: check_page.py OUT PALETTES"""
import json
import struct
import sys
import zlib

out, palettes = sys.argv[1], json.load(open(sys.argv[2]))
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"{path}: {depth} bits, colour type {colour}"
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    def pixel(x, y):
        y, x = min(max(int(y), 0), height - 1), min(max(int(x), 0), width - 1)
        return tuple(rows[y][x * channels:x * channels + 3])
    pixel.size = (width, height)
    return pixel


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


page = json.load(open(f"{out}/page.json"))
lden, ln, compare = png(f"{out}/lden.png"), png(f"{out}/ln.png"), png(f"{out}/compare.png")
c = page["canvas"]
right, bottom = min(c["left"] + c["width"], lden.size[0]), min(c["top"] + c["height"], lden.size[1])
region = [(x, y) for x in range(int(c["left"]) + 5, int(right) - 5, 7) for y in range(int(c["top"]) + 5, int(bottom) - 5, 7)]
colours = {lden(x, y) for x, y in region}
check(len(colours) > 20, f"the map looks blank: {len(colours)} colours")
level = [hex_rgb(k["colour"]) for k in palettes["level"]]
check(len(page["legend"]) == len(level), f"{len(page['legend'])} swatches, {len(level)} classes")
for swatch, expected in zip(page["legend"], level):
    got = lden(swatch["x"], swatch["y"])
    check(max(abs(a - b) for a, b in zip(got, expected)) <= 2, f"legend swatch {got} is not the palette's {expected}")
roof = (205, 203, 196)
click = page["click"]
got = lden(click["x"], click["y"])
highlighted = [(r, g, 0) for r, g, _ in level + [roof]]
check(min(max(abs(a - b) for a, b in zip(got, h)) for h in highlighted) <= 4, f"the clicked building's pixel {got} is no class colour highlighted")
differ = sum(1 for x, y in region if lden(x, y) != ln(x, y))
check(differ > 0.01 * len(region), f"Ln and Lden views differ in {differ} of {len(region)} pixels")
# CesiumJS blends feature colours on its own way (within ~35 of the palette here): a pixel counts
# when its nearest difference class is a quieter one and it is blue-dominant.
difference = [(hex_rgb(k["colour"]), k["to"] is not None and k["to"] <= -0.5) for k in palettes["difference"]]


def quieter(p):
    colour, is_quieter = min(difference, key=lambda d: sum((a - b) ** 2 for a, b in zip(p, d[0])))
    return is_quieter and max(abs(a - b) for a, b in zip(p, colour)) <= 40 and p[2] > p[0] + 20


painted = sum(1 for x, y in region if quieter(compare(x, y)))
check(painted > 20, f"the comparison paints {painted} pixels in the 'quieter' colours")
# The volume at an altitude seen from above its middle: a sheet of level classes (unlit, so the
# palette's own colours, within rounding) over a good part of the map.
slice_png, no_slice = png(f"{out}/slice.png"), png(f"{out}/no-slice.png")
in_classes = sum(1 for x, y in region if slice_png(x, y) != no_slice(x, y) and
                 min(max(abs(a - b) for a, b in zip(slice_png(x, y), k)) for k in level) <= 3)
check(in_classes > 0.02 * len(region), f"the volume slice paints {in_classes} of {len(region)} pixels in the level classes")
print(f"screenshots: {len(colours)} colours, legend = palette, clicked pixel {got}, {differ} pixels differ Ln/Lden, {painted} quieter pixels, "
      f"{in_classes} slice pixels in level classes")
if failures:
    print("\n".join(failures))
    sys.exit(1)
