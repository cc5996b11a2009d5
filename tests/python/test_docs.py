"""The examples in the package docstring run as written."""
import doctest

import ssat


def test_package_docstring_examples():
    result = doctest.testmod(ssat, verbose=False)
    assert result.attempted >= 5 and result.failed == 0
