# voxlan: the commands README.md promises. `make test` is what CI runs.
GO ?= go

.PHONY: test deps vet cross race demo bench release

## test: install what the tests need (apt-get, only what is missing), then vet, cross builds and race tests
test: deps vet cross race

deps:
	./scripts/install-test-deps.sh

vet:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# The six targets a technician's laptop may be (README "Install"); every
# command builds without cgo on each, and vet checks each OS's files.
TARGETS ?= linux/amd64 linux/arm64 windows/amd64 windows/arm64 darwin/amd64 darwin/arm64

## cross: CGO_ENABLED=0 go build and go vet of every package for each of TARGETS
cross:
	@set -e; for t in $(TARGETS); do \
	  echo "cross: $$t"; \
	  CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build ./...; \
	  CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) vet ./...; \
	done

race:
	$(GO) test -race -count=1 -timeout 20m ./...

## demo: the main job on the built-in simulated site
demo:
	$(GO) run ./cmd/voxlan demo

## bench: speed figures (voxlan vs net-snmp baseline, 200 switches)
bench:
	./bench/run.sh

## release: dist/ archives for the six TARGETS (version stamped, completions and man pages inside) and SHA256SUMS; VERSION=v1.2.3 to name it
release:
	VERSION=$(VERSION) TARGETS="$(TARGETS)" GO=$(GO) ./scripts/release.sh
