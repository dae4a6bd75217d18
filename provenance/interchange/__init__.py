"""Interchange formats: the ledger written for (and read from) other tools."""
