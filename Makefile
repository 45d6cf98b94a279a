.PHONY: build test lint generate fuzz bench plans
build:
	go build -o mlguard ./cmd/mlguard
test:
	go test ./...
lint:
	gofmt -l . && go vet ./...
generate:
	go generate ./internal/ruledocs
fuzz:
	go test -run '^$$' -fuzz FuzzLoadHCL -fuzztime 60s ./internal/parse/terraform
	go test -run '^$$' -fuzz FuzzLoadPlan -fuzztime 60s ./internal/parse/terraform
	go test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/iam
	go test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/parse/cloudformation
	go test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/pipeline
	go test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/config
	go test -run '^$$' -fuzz FuzzReaders -fuzztime 60s ./internal/suppress
	go test -run '^$$' -fuzz FuzzText -fuzztime 60s ./internal/secrets
	go test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/parse/kubernetes
	go test -run '^$$' -fuzz FuzzAdapt -fuzztime 60s ./internal/adapt/kubernetes
	go test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/parse/arm
	go test -run '^$$' -fuzz FuzzAdapt -fuzztime 60s ./internal/adapt/arm/azure
bench:
	go test -run '^$$' -bench . -benchmem ./internal/parse/terraform ./internal/scan
plans:
	scripts/gen-plan-fixtures.sh
