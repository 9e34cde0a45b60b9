#!/bin/bash
# make release: one archive per target in dist/ (tar.gz; zip for Windows),
# each holding the voxlan binary with its version stamped (what `voxlan
# version` prints), README.md, LICENSE, NOTICE, shell completions (bash,
# zsh, fish, PowerShell) and man pages; then dist/SHA256SUMS.
# VERSION defaults to `git describe` (v1.2.3 on a tag, else the commit).
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
TARGETS=${TARGETS:-"linux/amd64 linux/arm64 windows/amd64 windows/arm64 darwin/amd64 darwin/arm64"}
STAMP="-X github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil.Stamp=$VERSION"
# Archive entries carry the commit's time, so one commit gives the same archives.
MTIME=$(git log -1 --format=%ct 2>/dev/null || date +%s)

rm -rf dist
mkdir -p dist
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Completions and man pages come from a build for this machine.
CGO_ENABLED=0 $GO build -trimpath -ldflags "$STAMP" -o "$tmp/voxlan" ./cmd/voxlan
got=$("$tmp/voxlan" version | head -1)
case "$got" in
  *"$VERSION"*) ;;
  *) echo "release: voxlan version says \"$got\", not $VERSION" >&2; exit 1 ;;
esac
mkdir -p "$tmp/share/completions"
"$tmp/voxlan" completion bash >"$tmp/share/completions/voxlan.bash"
"$tmp/voxlan" completion zsh >"$tmp/share/completions/_voxlan"
"$tmp/voxlan" completion fish >"$tmp/share/completions/voxlan.fish"
"$tmp/voxlan" completion powershell >"$tmp/share/completions/voxlan.ps1"
CGO_ENABLED=0 $GO run -trimpath -ldflags "$STAMP" ./cmd/voxlan/internal/mangen "$tmp/share/man/man1"

for t in $TARGETS; do
  os=${t%/*} arch=${t#*/}
  name="voxlan_${VERSION}_${os}_${arch}"
  dir="$tmp/$name"
  exe=voxlan
  [ "$os" = windows ] && exe=voxlan.exe
  mkdir -p "$dir"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch $GO build -trimpath -ldflags "-s -w $STAMP" -o "$dir/$exe" ./cmd/voxlan
  cp README.md LICENSE NOTICE "$dir/"
  cp -r "$tmp/share/completions" "$tmp/share/man" "$dir/"
  find "$dir" -exec touch -h -d "@$MTIME" {} +
  if [ "$os" = windows ]; then
    (cd "$tmp" && find "$name" | LC_ALL=C sort | zip -q -X -@ "$OLDPWD/dist/$name.zip")
  else
    tar -C "$tmp" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$MTIME" -czf "dist/$name.tar.gz" "$name"
  fi
  echo "release: dist/$(ls dist | grep -F "$name")"
done
(cd dist && sha256sum -- voxlan_* >SHA256SUMS)
echo "release: dist/SHA256SUMS"
