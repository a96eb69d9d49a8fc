"""Storage backends. Each module here is the only importer of its client library."""
