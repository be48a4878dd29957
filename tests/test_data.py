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
