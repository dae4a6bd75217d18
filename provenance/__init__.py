"""provenance: claim-level fact provenance tracker."""
