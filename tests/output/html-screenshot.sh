#!/bin/sh
# tests/output/html-screenshot.sh - the html digest renders in headless
# Chromium: the screenshot is a real page (text on a background), not blank.
set -u
: "${GALLEY:?run through make check}" "${top_srcdir:?}"

chromium=$(command -v chromium || command -v chromium-browser) ||
    { echo "skip: no chromium (apt-get install chromium)"; exit 77; }
"$GALLEY" inspect dir >/dev/null 2>&1 || { echo "skip: the dir fetch plugin is not built"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 reads the PNG"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/digest.conf" <<CONF
stage "fetch" {
  plugin = "dir"
  dir { path = "$top_srcdir/examples/articles" include = {"*.txt"} exclude = {"*LICENSE*"} }
}
stage "output" { plugin = "output/html" html { path = "$tmp/digest.html" title = "Test digest" } }
CONF
"$GALLEY" run -q -c "$tmp/digest.conf" || { echo "FAIL: galley run exited $?"; exit 1; }

# no network, no profile, no GPU: a throwaway browser that only renders
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --window-size=1000,1400 \
    --screenshot="$tmp/shot.png" "file://$tmp/digest.html" > "$tmp/chromium.log" 2>&1
[ -s "$tmp/shot.png" ] || { echo "FAIL: no screenshot"; cat "$tmp/chromium.log"; exit 1; }

# decode the PNG (stdlib only) and look for rendered text: many colours and
# a share of dark pixels on the light page
python3 - "$tmp/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), "unexpected PNG format %d/%d" % (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, colours, dark = bytearray(stride), set(), 0
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        px = bytes(line[x:x + 3])
        colours.add(px)
        if sum(px) < 300:
            dark += 1
    prev = line
share = dark / (w * h)
print("screenshot %dx%d, %d colours, %.1f%% dark pixels" % (w, h, len(colours), 100 * share))
assert w == 1000 and h == 1400, "wrong size"
assert len(colours) > 50, "too few colours: a blank or broken page"
assert 0.005 < share < 0.5, "no text, or not a light page"
PY
