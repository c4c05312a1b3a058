#!/usr/bin/env bash
# Vendors the world map's data and code into the page's resources, so that the page draws its map
# from files the application serves itself and the Maven build needs no npm.
#
#   scripts/vendor-map.sh          fetch the pinned packages, verify them, write the vendored files
#   scripts/vendor-map.sh --check  verify the committed vendored files against vendor/SHA256SUMS
#
# Each package tarball is fetched from the npm registry with `npm pack` and must match the SHA-256
# pinned below before anything is unpacked; every vendored file is then listed in SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/.."
vendor="src/main/resources/META-INF/resources/vendor"

# package@version  tarball SHA-256  files taken from the package
packages=(
  "world-atlas@2.0.2 032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97 countries-50m.json LICENSE"
  "d3-array@3.2.4 6dbf3f2be39e48f86775be6e166a5d3e5a585ca7144453cd6ad1912f5ae4417f dist/d3-array.min.js LICENSE"
  "d3-geo@3.1.1 fe1f2dd81a87d942790c5a7786f4aab03df2b357d46d8af56b613fb8a1bb9be5 dist/d3-geo.min.js LICENSE"
  "topojson-client@3.1.0 889fadb422f6236d0f8337a236ce6499f258b75e44b81733b13bd971067322bf dist/topojson-client.min.js LICENSE"
)

if [ "${1:-}" = "--check" ]; then
  (cd "$vendor" && sha256sum --quiet -c SHA256SUMS)
  echo "vendored map files match SHA256SUMS"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$vendor"
mkdir -p "$vendor"
for entry in "${packages[@]}"; do
  read -r spec sum files <<< "$entry"
  name="${spec%@*}"; version="${spec##*@}"
  tarball="$(cd "$work" && npm pack --silent "$spec")"
  echo "$sum  $work/$tarball" | sha256sum --quiet -c - || { echo "checksum mismatch for $spec" >&2; exit 1; }
  mkdir -p "$work/$name" "$vendor/$name@$version"
  tar -xzf "$work/$tarball" -C "$work/$name"
  for file in $files; do cp "$work/$name/package/$file" "$vendor/$name@$version/$(basename "$file")"; done
done
cat > "$vendor/README.md" <<'TEXT'
# Vendored map data and code

Written by `scripts/vendor-map.sh` from the npm registry, each package checked against a pinned
SHA-256 before it is unpacked; `SHA256SUMS` lists every file here (`scripts/vendor-map.sh --check`).
Do not edit these files by hand.

- `world-atlas@2.0.2`: `countries-50m.json`, TopoJSON of the world's countries at 1:50m, made from
  Natural Earth data (public domain); ISC licence (`LICENSE`). Features carry ISO 3166-1 numeric ids.
- `d3-geo@3.1.1`: projections and SVG paths; ISC licence, with GeographicLib's MIT licence (`LICENSE`).
- `d3-array@3.2.4`: d3-geo's dependency; ISC licence (`LICENSE`).
- `topojson-client@3.1.0`: decodes TopoJSON to GeoJSON; ISC licence (`LICENSE`).
TEXT
(cd "$vendor" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "vendored into $vendor:"
cat "$vendor/SHA256SUMS"
