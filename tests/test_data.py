"""data.py: the data sets are offline, seeded and in the lecture's shapes."""

import numpy as np
import pytest

import logreg_helpers as lh


def test_toy_data_is_seeded_balanced_and_in_the_lecture_shapes():
    X, Y = lh.toy_data(m=200, seed=0)
    X2, Y2 = lh.toy_data(m=200, seed=0)
    assert X.shape == (2, 200) and Y.shape == (1, 200)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.sum() == 100
    assert not np.array_equal(X, lh.toy_data(m=200, seed=1)[0])


def test_toy_data_is_not_separable():
    # a perfectly separable set would have no finite minimiser; ours must keep some errors
    X, Y = lh.toy_data()
    result = lh.train(X, Y, 1.0, 2000)
    accuracy = (lh.predict(result.w, result.b, X) == Y).mean()
    assert 0.8 < accuracy < 1.0


def test_breast_cancer_is_the_wisconsin_data_with_malignant_as_1():
    from sklearn.datasets import load_breast_cancer

    X, Y, names = lh.breast_cancer()
    assert X.shape == (2, 569) and Y.shape == (1, 569)
    assert names == ["mean radius", "mean texture"]
    assert Y.sum() == 212  # malignant
    raw = load_breast_cancer()
    np.testing.assert_array_equal(X[0], raw.data[:, 0])
    assert np.all((Y[0] == 1) == (raw.target == 0))
    X_all, _, all_names = lh.breast_cancer(None)
    assert X_all.shape == (30, 569) and len(all_names) == 30


def test_unknown_feature_is_explained_with_plain_names():
    with pytest.raises(ValueError, match="Unknown feature.*choose from") as error:
        lh.breast_cancer(("mean radius", "tumour colour"))
    message = str(error.value)
    assert message.startswith("Unknown feature(s): tumour colour; choose from: mean radius, ")
    assert "np.str_" not in message and "'" not in message


def test_feature_names_are_plain_strings_and_one_name_is_one_feature():
    X, _, names = lh.breast_cancer("mean area")
    assert X.shape == (1, 569) and names == ["mean area"]
    _, _, all_names = lh.breast_cancer(None)
    assert all(type(n) is str for n in all_names)


def test_a_constant_feature_is_centred_left_unscaled_and_named_like_scikit_learn():
    from sklearn.preprocessing import StandardScaler

    X, _ = lh.toy_data(m=50)
    X = np.vstack([X[:1], np.full((1, 50), 3.7), X[1:]])  # row 1 is constant
    with pytest.warns(UserWarning, match=r"^Row 1 of X is constant") as record:
        Xs, mean, std = lh.standardize(X)
    assert len(record) == 1
    scaler = StandardScaler().fit(X.T)
    np.testing.assert_allclose(Xs, scaler.transform(X.T).T, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(std.ravel(), scaler.scale_, rtol=1e-12)
    assert std[1, 0] == 1.0
    np.testing.assert_allclose(Xs[1], 0.0, atol=1e-15)


def test_standardize_gives_zero_mean_unit_std_and_reuses_training_statistics():
    X, _, _ = lh.breast_cancer()
    Xs, mean, std = lh.standardize(X)
    np.testing.assert_allclose(Xs.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(Xs.std(axis=1), 1, rtol=1e-12)
    again, _, _ = lh.standardize(X[:, :10], mean, std)
    np.testing.assert_allclose(again, Xs[:, :10], rtol=1e-15)


def test_digits_are_the_uci_images_one_per_column():
    from sklearn.datasets import load_digits

    X, labels = lh.digits()
    raw = load_digits()
    assert X.shape == (64, 1797) and labels.shape == (1, 1797)
    assert X.dtype == float and np.issubdtype(labels.dtype, np.integer)
    for i in (0, 1, 1000, 1796):  # column i, read row by row, is the stored 8×8 picture i
        np.testing.assert_array_equal(X[:, i].reshape(8, 8), raw.images[i])
    np.testing.assert_array_equal(labels[0], raw.target)
    assert X.min() == 0 and X.max() == 16 and np.array_equal(X, np.round(X))
    assert sorted(np.unique(labels)) == list(range(10))


def test_digit_pair_keeps_two_digits_in_order_with_positive_as_1():
    X_all, labels = lh.digits()
    X, Y = lh.digit_pair(4, 9)
    keep = np.isin(labels[0], [4, 9])
    assert X.shape == (64, keep.sum()) and Y.shape == (1, keep.sum())
    np.testing.assert_array_equal(X, X_all[:, keep])
    np.testing.assert_array_equal(Y[0], labels[0, keep] == 4)
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.dtype == float
    X_swapped, Y_swapped = lh.digit_pair(9, 4)  # the other question: same images, flipped labels
    np.testing.assert_array_equal(X_swapped, X)
    np.testing.assert_array_equal(Y_swapped, 1 - Y)


@pytest.mark.parametrize(
    ("positive", "negative", "error", "message"),
    [
        (10, 9, ValueError, "positive should be a digit from 0 to 9, but it is 10"),
        (4, -1, ValueError, "negative should be a digit from 0 to 9, but it is -1"),
        (4, 4, ValueError, "both 4: a yes/no question needs two different digits"),
        (4.0, 9, TypeError, "positive should be a digit, a whole number from 0 to 9, but it is 4"),
        ("4", 9, TypeError, "but it is '4'"),
        (True, 9, TypeError, "but it is True"),
    ],
)
def test_digit_pair_explains_what_a_digit_is(positive, negative, error, message):
    with pytest.raises(error, match=message):
        lh.digit_pair(positive, negative)


def test_digit_pair_accepts_numpy_integers():
    X, Y = lh.digit_pair(np.int64(3), np.int64(8))
    assert X.shape[1] == Y.shape[1] > 0

def test_toy_data_defaults_and_an_odd_m():
    X, Y = lh.toy_data()
    X0, Y0 = lh.toy_data(m=200, seed=0)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    _, Y_odd = lh.toy_data(m=7, seed=3)
    assert Y_odd.shape == (1, 7) and Y_odd.sum() == 3  # half, rounded down
    assert Y_odd.dtype == float


def test_toy_data_clouds_sit_where_the_docstring_says():
    # label 1 around (1, 1), label 0 around (-1, -1), spread 1.2: means within 5 standard errors
    X, Y = lh.toy_data(m=4000, seed=7)
    for label, centre in ((1, 1.0), (0, -1.0)):
        cloud = X[:, Y[0] == label]
        np.testing.assert_allclose(cloud.mean(axis=1), centre, atol=5 * 1.2 / np.sqrt(2000))
        np.testing.assert_allclose(cloud.std(axis=1), 1.2, rtol=0.05)


def test_breast_cancer_labels_are_floats_and_unknown_features_are_all_named():
    _, Y, _ = lh.breast_cancer()
    assert Y.dtype == float and Y.shape == (1, 569)
    with pytest.raises(ValueError) as error:
        lh.breast_cancer(("tumour colour", "mean radius", "size"))
    assert str(error.value).startswith(
        "Unknown feature(s): tumour colour, size; choose from: mean radius, mean texture, ")


def test_several_constant_rows_are_all_named_in_one_warning():
    X, _ = lh.toy_data(m=20)
    X = np.vstack([np.zeros((1, 20)), X[:1], np.full((1, 20), 2.0), X[1:], np.ones((1, 20))])
    with pytest.warns(UserWarning) as record:
        lh.standardize(X)
    assert len(record) == 1
    assert str(record[0].message) == (
        "Rows 0, 2, 4 of X are constant (standard deviation 0), so cannot be scaled: centred "
        "and left unscaled. A constant feature cannot tell the examples apart; you may drop it.")
    # named by the function, not by a file path that differs between machines
    assert (record[0].filename, record[0].lineno) == ("logreg_helpers.standardize", 0)


def test_standardize_with_given_statistics_checks_them():
    X, _ = lh.toy_data(m=20)
    mean, std = np.array([[1.0], [-2.0]]), np.array([[0.5], [4.0]])
    Xs, mean_out, std_out = lh.standardize(X, mean, std)
    np.testing.assert_array_equal(Xs, (X - mean) / std)  # a std below 1 is fine
    assert mean_out is not None and np.array_equal(std_out, std)
    with pytest.raises(ValueError) as error:
        lh.standardize(X, mean, np.array([[0.5], [-1.0]]))
    assert str(error.value) == ("std should be greater than 0 in every row, but std[1, 0] = -1.0. "
                                "Scaling by it would divide by zero or flip the feature.")
    with pytest.raises(ValueError) as error:
        lh.standardize(X, mean, np.ones((3, 1)))
    assert str(error.value) == ("std should have shape (n_x, 1) = (2, 1), one standard deviation "
                                "per row of X, but it has shape (3, 1).")


def test_digit_pair_accepts_every_digit_from_0_to_9():
    X_all, labels = lh.digits()
    for positive, negative in ((0, 9), (9, 0)):
        X, Y = lh.digit_pair(positive, negative)
        assert X.shape[1] == np.isin(labels[0], [0, 9]).sum()
        np.testing.assert_array_equal(Y[0], labels[0, np.isin(labels[0], [0, 9])] == positive)
