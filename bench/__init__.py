"""The benchmark: synthetic data at several sizes, stage timings, full builds, browser latencies (`make bench`)."""
