"""The lecture's functions on arrays of other libraries, through the Python array API standard.

Three libraries: numpy (the reference, and the fast path), array-api-strict
(which refuses every call outside the standard, and has devices of its own that
stand in for a GPU) and dask.array (lazy, chunked). Every function must give
numpy's numbers (to 1e-12), answer in the caller's library, return J and db as
Python floats, and refuse bad input with numpy's very words.
"""

import sys

import array_api_strict as xps
import dask.array as da
import numpy as np
import pytest
from test_vectorized import random_problem

import logreg_helpers as lh
from logreg_helpers.validation import array_namespace, as_float_array, check_finite, compute

DEVICE = xps.Device("device1")  # not the default device: any array left behind would mix


def to_strict(a):
    return xps.asarray(a, device=DEVICE)


def to_dask(a):
    return da.from_array(a, chunks=(a.shape[0], 70)) if a.ndim == 2 else da.from_array(a)


LIBRARIES = {"numpy": np.asarray, "array-api-strict": to_strict, "dask": to_dask}


def library_of(a):
    return type(a).__module__.partition(".")[0]


def as_numpy(a):
    """The values of an array of any of the three libraries, as numpy, to compare."""
    if library_of(a) == "array_api_strict":
        return np.from_dlpack(a)  # the standard's exchange, from any of its devices
    return np.asarray(compute(a)[0])


@pytest.fixture(params=list(LIBRARIES))
def to(request):
    return LIBRARIES[request.param]


def check_same_library(result, like):
    assert library_of(result) == library_of(like)
    if library_of(like) == "array_api_strict":
        assert result.device == like.device


def test_forward_cost_backward_update_give_numpys_numbers_in_the_callers_library(to):
    w, b, X, Y = random_problem(3, 250, seed=1, scale=2.0)
    Z_ref, A_ref = lh.forward(w, b, X)
    J_ref = lh.cost(Z_ref, Y)
    dw_ref, db_ref = lh.backward(X, A_ref, Y)
    Xx, Yx, wx = to(X), to(Y), to(w)

    Z, A = lh.forward(wx, b, Xx)
    check_same_library(Z, Xx)
    check_same_library(A, Xx)
    np.testing.assert_allclose(as_numpy(Z), Z_ref, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(as_numpy(A), A_ref, rtol=1e-13, atol=1e-15)

    J = lh.cost(Z, Yx)
    assert isinstance(J, float) and J == pytest.approx(J_ref, rel=1e-13)

    dw, db = lh.backward(Xx, A, Yx)
    check_same_library(dw, Xx)
    assert isinstance(db, float) and db == pytest.approx(db_ref, rel=1e-12, abs=1e-15)
    np.testing.assert_allclose(as_numpy(dw), dw_ref, rtol=1e-12, atol=1e-15)

    w_new, b_new = lh.update(wx, b, dw, db, 0.1)
    check_same_library(w_new, Xx)
    assert isinstance(b_new, float)
    np.testing.assert_allclose(as_numpy(w_new), w - 0.1 * dw_ref, rtol=1e-12)


def test_gradients_agree_with_numpy_and_scikit_learn(to):
    from test_vectorized import sklearn_cost_and_gradient

    w, b, X, Y = random_problem(4, 333, seed=2)
    J, dw, db = lh.gradients(to(w), b, to(X), to(Y))
    check_same_library(dw, to(X))
    assert isinstance(J, float) and isinstance(db, float)
    J_ref, dw_ref, db_ref = sklearn_cost_and_gradient(w, b, X, Y)
    assert J == pytest.approx(J_ref, rel=1e-12)
    np.testing.assert_allclose(as_numpy(dw), dw_ref, rtol=1e-12, atol=1e-15)
    assert db == pytest.approx(db_ref, rel=1e-12, abs=1e-15)


def test_train_and_predict_equal_numpys_run_to_1e_12(to):
    X, Y = lh.toy_data(m=300, seed=3)
    reference = lh.train(X, Y, alpha=0.5, iterations=200)
    result = lh.train(to(X), to(Y), alpha=0.5, iterations=200)
    check_same_library(result.w, to(X))
    assert isinstance(result.b, float) and isinstance(result.cost, float)
    np.testing.assert_allclose(as_numpy(result.w), reference.w, rtol=1e-12)
    assert result.b == pytest.approx(reference.b, rel=1e-12)
    np.testing.assert_allclose(result.costs, reference.costs, rtol=1e-12)
    y_hat = lh.predict(result.w, result.b, to(X), threshold=0.3)
    check_same_library(y_hat, to(X))
    np.testing.assert_array_equal(as_numpy(y_hat),
                                  lh.predict(reference.w, reference.b, X, threshold=0.3))


def test_a_diverging_run_stops_with_the_same_warning_in_every_library(to):
    X, Y = lh.toy_data(m=100, seed=1)
    with pytest.warns(lh.DivergenceWarning, match="Diverged at iteration 1"):
        result = lh.train(to(X), to(Y), 50.0, 10)
    check_same_library(result.w, to(X))
    np.testing.assert_array_equal(as_numpy(result.w), np.zeros((2, 1)))


def test_a_step_that_overflows_stops_the_run_in_every_library(to):
    X, Y = lh.toy_data(m=100, seed=1)
    with pytest.warns(lh.DivergenceWarning, match="Diverged at iteration 1"):
        result = lh.train(to(X * 1e3), to(Y), 1e308, 10, keep_path=True)
    check_same_library(result.w, to(X))
    np.testing.assert_array_equal(as_numpy(result.w), np.zeros((2, 1)))
    assert result.costs.tolist() == [result.cost, np.inf]
    assert as_numpy(result.path).tolist() == [[0.0, 0.0, 0.0]]


def test_the_path_kept_is_numpys_path(to):
    X, Y = lh.toy_data(m=60, seed=5)
    path = lh.train(to(X), to(Y), 0.5, 4, keep_path=True).path
    np.testing.assert_allclose(as_numpy(path), lh.train(X, Y, 0.5, 4, keep_path=True).path,
                               rtol=1e-12, atol=1e-300)


def test_numpy_labels_join_the_activations_library_in_backward_and_cost(to):
    X, Y = lh.toy_data(m=40, seed=2)
    A = np.full((1, 40), 0.25)
    dw, db = lh.backward(to(X), to(A), Y)  # Y stays numpy
    check_same_library(dw, to(X))
    expected = lh.backward(X, A, Y)
    np.testing.assert_allclose(as_numpy(dw), expected[0], rtol=1e-12)
    assert lh.cost(to(A), Y) == pytest.approx(lh.cost(A, Y), rel=1e-12)


def test_numpy_starting_weights_join_the_data_library_and_device():
    X, Y = lh.toy_data(m=50, seed=4)
    w0 = np.array([[0.5], [-0.5]])  # numpy, while X lives on DEVICE
    result = lh.train(to_strict(X), to_strict(Y), 0.1, 5, w=w0)
    assert result.w.device == DEVICE
    np.testing.assert_allclose(as_numpy(result.w), lh.train(X, Y, 0.1, 5, w=w0).w, rtol=1e-12)


X_OK, Y_OK = lh.toy_data(m=30, seed=0)
W_OK = np.zeros((2, 1))
BAD_INPUTS = {
    "transposed X": lambda to: lh.gradients(to(W_OK), 0.0, to(X_OK.T), to(Y_OK)),
    "transposed X in train": lambda to: lh.train(to(X_OK.T), to(Y_OK), 0.1, 5),
    "transposed X in forward": lambda to: lh.forward(to(W_OK), 0.0, to(X_OK.T)),
    "Y of shape (m,)": lambda to: lh.gradients(to(W_OK), 0.0, to(X_OK), to(Y_OK.ravel())),
    "Y of shape (m, 1)": lambda to: lh.train(to(X_OK), to(Y_OK.T), 0.1, 5),
    "labels -1 and 1": lambda to: lh.train(to(X_OK), to(2 * Y_OK - 1), 0.1, 5),
    "labels 0.5 and 1.5": lambda to: lh.gradients(to(W_OK), 0.0, to(X_OK), to(Y_OK + 0.5)),
    "seven kinds of label": lambda to: lh.cost(to(np.zeros((1, 30))),
                                               to(np.arange(30.0)[None] % 7)),
    "NaN in X": lambda to: lh.train(to(np.where(np.arange(30) == 7, np.nan, X_OK)), to(Y_OK),
                                    0.1, 5),
    "inf in X, row 1": lambda to: lh.gradients(
        to(W_OK), 0.0, to(np.where((np.arange(2)[:, None] == 1) & (np.arange(30) >= 3),
                                   np.inf, X_OK)), to(Y_OK)),
    "NaN in X in forward": lambda to: lh.forward(
        to(W_OK), 0.0, to(np.where(np.arange(30) == 4, np.nan, X_OK))),
    "NaN in X in backward": lambda to: lh.backward(
        to(np.where(np.arange(30) == 2, np.nan, X_OK)), to(np.full((1, 30), 0.5)), to(Y_OK)),
    "NaN in A": lambda to: lh.backward(to(X_OK), to(np.full((1, 30), np.nan)), to(Y_OK)),
    "NaN in w": lambda to: lh.forward(to(np.array([[0.0], [np.nan]])), 0.0, to(X_OK)),
    "overflowing start": lambda to: lh.train(to(X_OK), to(Y_OK), 0.1, 5,
                                             w=to(np.full((2, 1), 1e308))),
    "w of the wrong length": lambda to: lh.forward(to(np.zeros((3, 1))), 0.0, to(X_OK)),
    "w as a row": lambda to: lh.forward(to(np.zeros((1, 2))), 0.0, to(X_OK)),
    "b as an array": lambda to: lh.forward(to(W_OK), to(np.zeros((1, 30))), to(X_OK)),
    "X of one dimension": lambda to: lh.forward(to(W_OK), 0.0, to(X_OK[0])),
    "complex X": lambda to: lh.forward(to(W_OK), 0.0, to(X_OK + 1j)),
    "a label as a number": lambda to: lh.loss(to(np.zeros(())), to(np.asarray(2.0))),
    "numpy w of strings beside X": lambda to: lh.forward(np.array([["a"], ["b"]]), 0.0, to(X_OK)),
}


def message(call, to):
    with pytest.raises((ValueError, TypeError)) as error:
        call(to)
    return error.type, str(error.value)


@pytest.mark.parametrize("name", list(BAD_INPUTS))
@pytest.mark.parametrize("library", ["array-api-strict", "dask"])
def test_bad_input_gets_numpys_very_words(name, library):
    call = BAD_INPUTS[name]
    expected = message(call, np.asarray)
    assert message(call, LIBRARIES[library]) == expected


def test_a_dask_NaN_check_reads_X_once(monkeypatch):
    """Finding and naming the first NaN: the reductions go to dask together."""
    import dask

    X = np.where(np.arange(30) == 7, np.nan, X_OK)
    calls = []
    real = dask.compute
    monkeypatch.setattr(dask, "compute", lambda *a, **k: calls.append(len(a)) or real(*a, **k))
    with pytest.raises(ValueError, match=r"X\[0, 7\] = nan"):
        check_finite(to_dask(X), "X")
    # is everything finite? then: how many, which row, which column (together); the value
    assert calls == [1, 3, 1]


def test_arrays_of_two_libraries_are_refused_by_name():
    with pytest.raises(TypeError) as error:
        lh.forward(to_strict(W_OK), 0.0, to_dask(X_OK))
    assert str(error.value) == (
        "The arrays come from different libraries: X from dask, w from array_api_strict. "
        "Put them in one library (numpy arrays may join any of them).")


def test_a_dask_array_of_unknown_shape_gets_a_remedy():
    X = to_dask(X_OK)
    X = X[:, X[0] > 0]  # columns chosen by a condition: how many is not known yet
    with pytest.raises(ValueError) as error:
        lh.forward(W_OK, 0.0, X)
    assert str(error.value) == (
        "The shape of X is not known yet: it is (2, nan). Its number of rows or columns "
        "depends on data not computed yet (a dask array after a selection by a condition, "
        "for example); for a dask array, X.compute_chunk_sizes() finds it.")


def test_without_array_api_compat_another_library_gets_an_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "array_api_compat", None)  # import fails
    with pytest.raises(ImportError) as error:
        lh.forward(W_OK, 0.0, to_dask(X_OK))
    assert str(error.value) == (
        "X is a dask array. Arrays of libraries other than numpy are handled through the "
        "Python array API standard, with the package array-api-compat: install it with "
        "pip install 'logreg-helpers[scale]'.")
    assert array_namespace(X=X_OK, w=[1.0], b=0.5) is None  # numpy needs none of it


def test_numpy_never_goes_through_array_api_compat(monkeypatch):
    monkeypatch.setitem(sys.modules, "array_api_compat", None)
    w, b, X, Y = random_problem(2, 100, seed=5)
    lh.gradients(w, b, X, Y)
    lh.train(X, Y, 0.1, 3)
    lh.predict(w, b, X)


@pytest.mark.parametrize("other", ["X", "w", "Y"])
def test_one_array_from_another_library_takes_the_numpy_ones_along(other):
    """Whichever argument alone comes from the other library, the answer is in it."""
    w, b, X, Y = random_problem(3, 40, seed=12)
    args = {"w": w, "X": X, "Y": Y}
    args[other] = to_strict(args[other])
    J, dw, db = lh.gradients(args["w"], b, args["X"], args["Y"])
    check_same_library(dw, args[other])
    J_np, dw_np, db_np = lh.gradients(w, b, X, Y)
    np.testing.assert_allclose(as_numpy(dw), dw_np, rtol=1e-12)
    assert J == pytest.approx(J_np, rel=1e-12) and db == pytest.approx(db_np, rel=1e-12)


def test_float_arrays_are_kept_and_others_become_float64():
    x64 = to_strict(np.arange(6.0).reshape(2, 3))
    assert as_float_array(x64, "X") is x64  # no copy
    for dtype in (xps.float32, xps.int32, xps.bool):
        x = xps.astype(x64 > 2, dtype)
        got = as_float_array(x, "X")
        assert got.dtype == xps.float64 and got.device == DEVICE
        np.testing.assert_array_equal(as_numpy(got), as_numpy(x))


def test_an_array_of_strings_in_another_library_is_told_to_hold_numbers():
    with pytest.raises(TypeError) as error:
        as_float_array(da.from_array(np.array([["a", "b"]])), "X")
    assert str(error.value) == ("X should hold numbers, but its dtype is <U1. Convert it "
                                "first, for example with xp.astype(X, xp.float64).")


def _nan_at(shape, where):
    a = np.arange(float(np.prod(shape))).reshape(shape)
    a[where] = np.nan
    return a


@pytest.mark.parametrize("shape, where", [
    ((7,), (5,)),  # a rank-1 array, numbered like numpy's
    ((2, 3, 4), (1, 0, 2)),  # three dimensions
    ((3, 5000), (2, 4321)),  # large: found through its sum first
    ((10_000,), (9_999,)),
])
@pytest.mark.parametrize("library", ["array-api-strict", "dask"])
def test_the_first_NaN_is_named_in_any_shape_as_numpy_names_it(shape, where, library):
    a = _nan_at(shape, where)
    with pytest.raises(ValueError) as expected:
        check_finite(a, "X")
    with pytest.raises(ValueError) as got:
        check_finite(LIBRARIES[library](a), "X")
    assert str(got.value) == str(expected.value)
    assert f"X{list(where)} = nan".replace(" ", "") in str(got.value).replace(" ", "")
    check_finite(LIBRARIES[library](np.nan_to_num(a)), "X")  # all finite: silence
