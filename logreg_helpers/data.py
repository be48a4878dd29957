"""The data sets the notebooks use, all available offline.

* :func:`toy_data`: two overlapping clouds of points in the plane, seeded, so
  every run and every reader sees the same numbers.
* :func:`breast_cancer`: the Wisconsin Diagnostic Breast Cancer data (569 tumours,
  30 measurements each), from the copy that scikit-learn ships. Source: W. N.
  Street, W. H. Wolberg and O. L. Mangasarian, "Nuclear feature extraction for
  breast tumor diagnosis", 1993; UCI Machine Learning Repository,
  https://doi.org/10.24432/C5DW2B (licence CC BY 4.0).
* :func:`digits` and :func:`digit_pair`: 1,797 handwritten digits, 8×8 grey
  images, from the copy that scikit-learn ships. Source: E. Alpaydin and
  C. Kaynak, "Optical Recognition of Handwritten Digits", 1998; UCI Machine
  Learning Repository, https://doi.org/10.24432/C50P49 (licence CC BY 4.0).

Every loader returns X of shape (n_x, m), one example per column, and Y of
shape (1, m) holding 0 and 1, as the lecture writes them (:func:`digits`
returns the digit of each image instead, labels of shape (1, m)).
"""

import numbers
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


def digits():
    """The 1,797 handwritten digits, each 8×8 image flattened into a column of 64 pixels.

    Returns
    -------
    X : ndarray, shape (64, 1797)
        One image per column, its pixels read row by row: ``X[:, i].reshape(8, 8)``
        is image i. Each pixel counts the ink in a 4×4 block of the original
        32×32 scan, from 0 (blank) to 16 (all ink); unscaled.
    labels : ndarray of int, shape (1, 1797)
        The digit each image shows, 0 to 9 (between 174 and 183 images of each).
    """
    from sklearn.datasets import load_digits  # bundled with scikit-learn: no download

    data = load_digits()
    X = np.ascontiguousarray(data.data.T)  # scikit-learn puts one image per row
    labels = data.target.astype(int).reshape(1, -1)
    return X, labels


def digit_pair(positive, negative):
    """Only the images of two digits, as a yes/no question: "is this a ``positive``?"

    Parameters
    ----------
    positive, negative : int
        Two different digits, 0 to 9.

    Returns
    -------
    X : ndarray, shape (64, m)
        The images of the two digits, unscaled, in the order of :func:`digits`.
    Y : ndarray of float, shape (1, m)
        1 for an image of ``positive``, 0 for an image of ``negative``.
    """
    for name, digit in (("positive", positive), ("negative", negative)):
        if isinstance(digit, bool) or not isinstance(digit, numbers.Integral):
            raise TypeError(f"{name} should be a digit, a whole number from 0 to 9, "
                            f"but it is {digit!r}.")
        if not 0 <= digit <= 9:
            raise ValueError(f"{name} should be a digit from 0 to 9, but it is {digit}.")
    if positive == negative:
        raise ValueError(f"positive and negative are both {positive}: a yes/no question needs "
                         "two different digits, for example digit_pair(3, 8).")
    X, labels = digits()
    keep = (labels[0] == positive) | (labels[0] == negative)
    return np.ascontiguousarray(X[:, keep]), (labels[:, keep] == positive).astype(float)
