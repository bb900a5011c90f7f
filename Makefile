.PHONY: demo test bench lint

demo:  ## set everything up and serve the demo on http://127.0.0.1:8000
	scripts/demo.sh

test:  ## the whole suite (SQLite, and PostgreSQL when reachable)
	scripts/test.sh

bench:  ## the benchmark (see bench/README.md)
	scripts/bench.sh $(ARGS)
