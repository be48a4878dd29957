"""The data sets the notebooks use, all available offline.

* :func:`toy_data`: two overlapping clouds of points in the plane, seeded, so
  every run and every reader sees the same numbers.
* :func:`breast_cancer`: the Wisconsin Diagnostic Breast Cancer data (569 tumours,
  30 measurements each), from the copy that scikit-learn ships. Source: W. N.
  Street, W. H. Wolberg and O. L. Mangasarian, "Nuclear feature extraction for
  breast tumor diagnosis", 1993; UCI Machine Learning Repository,
  https://doi.org/10.24432/C5DW2B (licence CC BY 4.0).

Every loader returns X of shape (n_x, m), one example per column, and Y of
shape (1, m) holding 0 and 1, as the lecture writes them.
"""

import warnings

import numpy as np

from .validation import check_column, check_finite, check_X


def toy_data(m=200, seed=0):
    """Two overlapping Gaussian clouds: label 0 around (-1, -1), label 1 around (1, 1).

    Returns
    -------
    X : ndarray, shape (2, m)
    Y : ndarray of float, shape (1, m)
        Half the examples (rounded down) have label 1.
    """
    rng = np.random.default_rng(seed)
    Y = (np.arange(m) < m // 2).astype(float)
    rng.shuffle(Y)
    centres = np.where(Y == 1, 1.0, -1.0)  # (m,)
    X = centres + 1.2 * rng.standard_normal((2, m))
    return X, Y.reshape(1, m)


def breast_cancer(features=("mean radius", "mean texture")):
    """The Wisconsin Diagnostic Breast Cancer data, label 1 = malignant.

    Parameters
    ----------
    features : str, sequence of str, or None
        Which of the 30 measurements to keep, in that order; None keeps all.

    Returns
    -------
    X : ndarray, shape (n_x, 569)
        The measurements, unscaled, each in its own units (the source does not state them).
    Y : ndarray of float, shape (1, 569)
        1 for a malignant tumour (212 of them), 0 for a benign one (357).
    names : list of str
        The feature name of each row of X.
    """
    from sklearn.datasets import load_breast_cancer  # bundled with scikit-learn: no download

    data = load_breast_cancer()
    all_names = [str(n) for n in data.feature_names]  # plain str, not np.str_
    if isinstance(features, str):
        features = (features,)
    names = all_names if features is None else [str(n) for n in features]
    unknown = [n for n in names if n not in all_names]
    if unknown:
        raise ValueError(
            f"Unknown feature(s): {', '.join(unknown)}; choose from: {', '.join(all_names)}."
        )
    rows = [all_names.index(n) for n in names]
    X = np.ascontiguousarray(data.data[:, rows].T)
    Y = (data.target == 0).astype(float).reshape(1, -1)  # scikit-learn codes malignant as 0
    return X, Y, names


def standardize(X, mean=None, std=None):
    """(X - μ) / σ row by row, so every feature has mean 0 and standard deviation 1.

    Pass the ``mean`` and ``std`` of the training set to scale new data the
    same way.

    A constant row (σ = 0) cannot be scaled: it is centred and left unscaled
    (its ``std`` is returned as 1), as scikit-learn's StandardScaler does, with
    a warning that names the row. Such a feature tells the examples apart no
    better than b does; you may drop it.

    Returns
    -------
    X_std : ndarray, shape (n_x, m)
    mean, std : ndarray, shape (n_x, 1)
    """
    X = check_X(X)
    check_finite(X)
    n_x = X.shape[0]
    if mean is None:
        mean = X.mean(axis=1, keepdims=True)
    else:
        mean = check_column(mean, n_x, "mean", "one mean per row of X")
    if std is None:
        constant = np.ptp(X, axis=1) == 0
        std = np.where(constant[:, None], 1.0, X.std(axis=1, keepdims=True))
        if constant.any():
            rows = np.flatnonzero(constant)
            which = (f"Row {rows[0]} of X is" if rows.size == 1
                     else f"Rows {', '.join(map(str, rows))} of X are")
            message = (
                f"{which} constant (standard deviation 0), so cannot be scaled: centred and "
                "left unscaled. A constant feature cannot tell the examples apart; you may "
                "drop it."
            )
            # warn_explicit names the function, not a file path that differs between machines
            warnings.warn_explicit(message, UserWarning, "logreg_helpers.standardize", 0)
    else:
        std = check_column(std, n_x, "std", "one standard deviation per row of X")
        if not (std > 0).all():
            row = int(np.flatnonzero(~(std[:, 0] > 0))[0])
            raise ValueError(
                f"std should be greater than 0 in every row, but std[{row}, 0] = {std[row, 0]}. "
                "Scaling by it would divide by zero or flip the feature."
            )
    return (X - mean) / std, mean, std
