"""Settings modules: base (shared), local (development), test, production."""
