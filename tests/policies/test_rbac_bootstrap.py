"""policies/lib/rbac/bootstrap.rego is what gen_rbac_bootstrap.py makes of Kubernetes' bootstrap policy."""

from __future__ import annotations

import pytest

from tests.policies import gen_rbac_bootstrap as gen


@pytest.mark.skipif(not gen.SOURCE.is_dir(), reason=f"{gen.SOURCE} is not present")
def test_bootstrap_rego_is_current() -> None:
    assert gen.main(["--check"]) == 0, "run: python tests/policies/gen_rbac_bootstrap.py"
