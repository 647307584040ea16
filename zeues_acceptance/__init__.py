"""Acceptance suite for the ZEUES v3 API: contract schemas, HTTP client and report helpers."""
