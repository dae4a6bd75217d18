"""Check engines other than the default pandas one, each in a sub-package of its own."""
