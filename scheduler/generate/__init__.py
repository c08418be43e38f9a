"""Generated plans for tests and the benchmark: realistic visits and conferences, and the public peer sets."""

from scheduler.generate.visits import busiest_host, generate_plan, host_away

__all__ = ["busiest_host", "generate_plan", "host_away"]
