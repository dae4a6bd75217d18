"""Interchange: the ledger written for other tools, and their annotations read back.

Exports return plain dicts (JSON-LD); the CLI serialises them. Imports read an
annotation tool's file into :class:`~provenance.interchange.incoming.Incoming` records,
which :mod:`provenance.interchange.importer` places in the ledger's own texts.
"""
