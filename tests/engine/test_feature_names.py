"""Column names XGBoost refuses ([, ] and <) are renamed for the run and reported, not a failure."""

import numpy as np
import pandas as pd

from realitycheck.compare.run import run_comparison


def test_brackets_and_less_than_in_column_names():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 3))
    frame = pd.DataFrame(x, columns=["a[1]", "b<2", "c]"]).assign(**{"y[0]": (x[:, 0] > 0) * 1})
    result = run_comparison(frame, "y[0]", folds=3, repeats=1).to_dict()
    assert result["verdict"]
    assert any("renamed" in note and "a[1]" in note for note in result["notes"])
