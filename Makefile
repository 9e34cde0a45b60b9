# voxlan: the commands README.md promises. `make test` is what CI runs.
GO ?= go

.PHONY: test deps vet race demo bench

## test: install what the tests need (apt-get, only what is missing), then vet and race tests
test: deps vet race

deps:
	./scripts/install-test-deps.sh

vet:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

race:
	$(GO) test -race -count=1 -timeout 20m ./...

## demo: the main job on the built-in simulated site
demo:
	$(GO) run ./cmd/voxlan demo

## bench: speed figures (voxlan vs net-snmp baseline, 200 switches)
bench:
	./bench/run.sh
