"""The exercise checks, against a table of real mistakes and of right answers written differently.

Every wrong function below is written the way a student writes it, one slip each. Each row
asserts that the check fails AND that it prints that mistake's own hint (a phrase found in no
other row's hint for the same exercise). Every right function must pass: a false alarm costs a
student an evening. Then: random inputs never make right code fail, and no broken function,
however broken, makes a check raise.
"""

import math
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import scipy.special
from conftest import problems, selectable_id
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import logreg_helpers as lh
from logreg_helpers import exercises as ex


def _sig(z):
    return 1 / (1 + np.exp(-z))


# --------------------------------------------------------------------------------------
# sigmoid
# --------------------------------------------------------------------------------------


def sigmoid_textbook(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_stable(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def sigmoid_power(z):
    return 1 / (1 + np.e ** (-z))


def sigmoid_expit(z):
    return scipy.special.expit(z)


def sigmoid_exp_plus(z):
    return 1 / (1 + np.exp(z))


def sigmoid_no_parentheses(z):
    return 1 / 1 + np.exp(-z)


def sigmoid_minus(z):
    return 1 / (1 - np.exp(-z))


def sigmoid_math(z):
    return 1 / (1 + math.exp(-z))


def sigmoid_overflows(z):
    return np.exp(z) / (1 + np.exp(z))


def sigmoid_derivative(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


def sigmoid_rounded(z):
    return np.round(1 / (1 + np.exp(-z)))


def sigmoid_in_place(z):
    z *= -1
    return 1 / (1 + np.exp(z))


# --------------------------------------------------------------------------------------
# one_example
# --------------------------------------------------------------------------------------


def one_example_zip(x, w, b, y):
    z = sum(wj * xj for wj, xj in zip(w, x)) + b
    a = 1 / (1 + math.exp(-z))
    L = -(y * math.log(a) + (1 - y) * math.log(1 - a))
    dz = a - y
    dw = tuple(xj * dz for xj in x)
    return z, a, L, dz, dw, dz


def one_example_numpy(x, w, b, y):
    x, w = np.array(x), np.array(w)
    z = np.dot(w, x) + b
    a = lh.sigmoid(z)
    L = lh.loss(z, y)
    dz = a - y
    return z, a, L, dz, list(x * dz), dz


def one_example_indices(x, w, b, y):
    z = b
    for j in range(len(x)):
        z = z + w[j] * x[j]
    a = 1 / (1 + np.exp(-z))
    da = -y / a + (1 - y) / (1 - a)
    dz = da * a * (1 - a)  # the chain rule, not simplified
    L = -(y * np.log(a) + (1 - y) * np.log(1 - a))
    dw = []
    for j in range(len(x)):
        dw.append(x[j] * dz)
    return z, a, L, dz, tuple(dw), dz


def _one_example_slip(bias=True, dz_rule="a - y", dw_rule="x", L_sign=-1, y_term_only=False,
                      log=math.log):
    def one_example(x, w, b, y):
        z = sum(wj * xj for wj, xj in zip(w, x)) + (b if bias else 0)
        a = 1 / (1 + math.exp(-z))
        if y_term_only:
            L = -y * log(a)
        else:
            L = L_sign * (y * log(a) + (1 - y) * log(1 - a))
        dz = {"a - y": a - y, "y - a": y - a, "a(1-a)": a * (1 - a),
              "da": -y / a + (1 - y) / (1 - a), "z - y": z - y}[dz_rule]
        dw = {"x": tuple(xj * dz for xj in x), "x1": tuple(x[0] * dz for _ in x),
              "w": tuple(wj * dz for wj in w),
              "generator": (xj * dz for xj in x)}[dw_rule]  # round brackets: not a tuple
        return z, a, L, dz, dw, dz
    return one_example


def one_example_two_features(x, w, b, y):
    x1, x2 = x
    w1, w2 = w
    z = w1 * x1 + w2 * x2 + b
    a = 1 / (1 + math.exp(-z))
    L = -(y * math.log(a) + (1 - y) * math.log(1 - a))
    dz = a - y
    return z, a, L, dz, (x1 * dz, x2 * dz), dz


def one_example_no_return(x, w, b, y):
    z = sum(wj * xj for wj, xj in zip(w, x)) + b
    a = 1 / (1 + math.exp(-z))
    dz = a - y
    print(z, a, dz)  # printed, not returned


# --------------------------------------------------------------------------------------
# gradients_loop
# --------------------------------------------------------------------------------------


def gradients_loop_nested(w, b, X, Y):
    n_x, m = X.shape
    J, db = 0.0, 0.0
    dw = np.zeros((n_x, 1))
    for i in range(m):
        z = b
        for j in range(n_x):
            z += w[j, 0] * X[j, i]
        a = 1 / (1 + math.exp(-z))
        y = Y[0, i]
        J += -(y * math.log(a) + (1 - y) * math.log(1 - a))
        dz = a - y
        for j in range(n_x):
            dw[j, 0] += X[j, i] * dz
        db += dz
    return J / m, dw / m, db / m


def gradients_loop_dot(w, b, X, Y):
    m = X.shape[1]
    J, dw, db = 0, np.zeros_like(w), 0
    for i in range(m):
        x = X[:, i : i + 1]  # one example as a column
        z = np.dot(w.T, x).item() + b
        a = lh.sigmoid(z)
        J += lh.loss(z, Y[0, i])
        dz = a - Y[0, i]
        dw = dw + x * dz
        db += dz
    return np.float64(J / m), dw / m, np.array(db / m)  # a numpy scalar and a 0-d array


def _gradients_loop_slip(dz_accumulates=False, feature_fixed=False, divide=("J", "dw", "db"),
                         bias=True, stop_early=False, dw_after_loop=False, divisor="m",
                         row_dw=False, y_term_only=False, dz_rule="a - y"):
    def gradients_loop(w, b, X, Y):
        n_x, m = X.shape
        J, db, dz = 0.0, 0.0, 0.0
        dw = np.zeros((1, n_x)) if row_dw else np.zeros((n_x, 1))
        for i in range(m - 1 if stop_early else m):
            z = b if bias else 0.0
            for j in range(n_x):
                z += w[j, 0] * X[j, i]
            a = 1 / (1 + math.exp(-z))
            y = Y[0, i]
            J += -(y * math.log(a)) if y_term_only else -(y * math.log(a)
                                                          + (1 - y) * math.log(1 - a))
            if dz_accumulates:
                dz += a - y
            else:
                dz = a - y if dz_rule == "a - y" else y - a
            if not dw_after_loop:
                for j in range(n_x):
                    feature = 0 if feature_fixed else j
                    if row_dw:
                        dw[0, j] += X[feature, i] * dz
                    else:
                        dw[j, 0] += X[feature, i] * dz
            db += dz
        if dw_after_loop:  # indented one level too little
            for j in range(n_x):
                dw[j, 0] += X[j, i] * dz
        d = m if divisor == "m" else n_x
        return (J / d if "J" in divide else J, dw / d if "dw" in divide else dw,
                db / d if "db" in divide else db)
    return gradients_loop


def gradients_loop_zeros_two_numbers(w, b, X, Y):
    n_x, m = X.shape
    J, db = 0.0, 0.0
    dw = np.zeros(n_x, 1)
    for i in range(m):
        z = float(np.dot(w[:, 0], X[:, i])) + b
        a = 1 / (1 + math.exp(-z))
        J += -(Y[0, i] * math.log(a) + (1 - Y[0, i]) * math.log(1 - a))
        dz = a - Y[0, i]
        for j in range(n_x):
            dw[j] += X[j, i] * dz
        db += dz
    return J / m, dw / m, db / m


def gradients_loop_J_array(w, b, X, Y):
    n_x, m = X.shape
    J, db = 0.0, 0.0
    dw = np.zeros((n_x, 1))
    for i in range(m):
        z = np.dot(w.T, X[:, i]) + b  # shape (1,): w.T is a row
        a = 1 / (1 + np.exp(-z))
        J += -(Y[0, i] * np.log(a) + (1 - Y[0, i]) * np.log(1 - a))
        dz = float(a[0] - Y[0, i])
        dw[:, 0] += X[:, i] * dz
        db += dz
    return J / m, dw / m, db / m


# --------------------------------------------------------------------------------------
# update
# --------------------------------------------------------------------------------------


def update_plain(w, b, dw, db, alpha):
    return w - alpha * dw, b - alpha * db


def update_copy_then_in_place(w, b, dw, db, alpha):
    w = w.copy()
    w -= alpha * dw
    b -= alpha * db  # b is a float: -= makes a new one
    return w, np.array(b)


def update_b_with_b(w, b, dw, db, alpha):
    return w - alpha * dw, b - alpha * b


def update_uphill(w, b, dw, db, alpha):
    return w + alpha * dw, b + alpha * db


def update_in_place(w, b, dw, db, alpha):
    w -= alpha * dw
    return w, b - alpha * db


def update_no_alpha(w, b, dw, db, alpha):
    return w - dw, b - db


def update_swapped(w, b, dw, db, alpha):
    return b - alpha * db, w - alpha * dw


def update_w_with_w(w, b, dw, db, alpha):
    return w - alpha * w, b - alpha * db


# --------------------------------------------------------------------------------------
# forward
# --------------------------------------------------------------------------------------


def forward_matmul(w, b, X):
    Z = w.T @ X + b
    return Z, 1 / (1 + np.exp(-Z))


def forward_dot(w, b, X):
    Z = np.dot(w.T, X) + b
    return Z, lh.sigmoid(Z)


def forward_loop(w, b, X):
    m = X.shape[1]
    Z = np.zeros((1, m))
    for i in range(m):
        Z[0, i] = np.sum(w[:, 0] * X[:, i]) + b
    return Z, scipy.special.expit(Z)


def forward_loop_math(w, b, X):
    n_x, m = X.shape
    Z, A = np.zeros((1, m)), np.zeros((1, m))
    for i in range(m):
        Z[0, i] = b + sum(w[j, 0] * X[j, i] for j in range(n_x))
        A[0, i] = 1 / (1 + math.exp(-Z[0, i]))
    return Z, A


def forward_no_b(w, b, X):
    Z = w.T @ X
    return Z, _sig(Z)


def forward_returns_A_twice(w, b, X):
    A = _sig(w.T @ X + b)
    return A, A


def forward_no_transpose(w, b, X):
    Z = w @ X + b
    return Z, _sig(Z)


def forward_column(w, b, X):
    Z = X.T @ w + b
    return Z, _sig(Z)


def forward_elementwise(w, b, X):
    Z = w * X + b
    return Z, _sig(Z)


def forward_swapped(w, b, X):
    Z = w.T @ X + b
    return _sig(Z), Z


def forward_mirror(w, b, X):
    Z = w.T @ X + b
    return Z, 1 / (1 + np.exp(Z))


# --------------------------------------------------------------------------------------
# gradients
# --------------------------------------------------------------------------------------


def gradients_mean(w, b, X, Y):
    A = _sig(w.T @ X + b)
    J = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    return J, X @ dZ.T / X.shape[1], np.mean(dZ)


def gradients_dot(w, b, X, Y):
    m = X.shape[1]
    A = _sig(np.dot(w.T, X) + b)
    J = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    dZ = A - Y
    return np.squeeze(J), np.dot(X, dZ.T) / m, np.sum(dZ) / m  # J a 0-d array


def gradients_stable(w, b, X, Y):
    Z, A = lh.forward(w, b, X)
    J = lh.cost(Z, Y)
    dw, db = lh.backward(X, A, Y)
    return J, dw, db


def _gradients_slip(divide=("J", "dw", "db"), bias=True, dz_sign=1, J_sign=-1,
                    y_term_only=False, dw_form="X @ dZ.T"):
    def gradients(w, b, X, Y):
        m = X.shape[1]
        A = _sig(w.T @ X + (b if bias else 0))
        if y_term_only:
            J = -np.sum(Y * np.log(A))
        else:
            J = J_sign * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        dZ = dz_sign * (A - Y)
        dw = {"X @ dZ.T": X @ dZ.T, "dZ @ X.T": dZ @ X.T, "sum": np.sum(X * dZ),
              "no sum": X * dZ}[dw_form]
        db = np.sum(dZ)
        return (J / m if "J" in divide else J, dw / m if "dw" in divide else dw,
                db / m if "db" in divide else db)
    return gradients


def gradients_rank1_Y_column_A(w, b, X, Y):
    m = X.shape[1]
    y = Y.ravel()  # rank-1 labels
    A = _sig(X.T @ w + b)  # A built as a column (m, 1)
    J = -np.mean(y * np.log(A) + (1 - y) * np.log(1 - A))  # (m, m), silently
    dZ = A - y  # (m, m), silently
    return J, X @ dZ / m, np.mean(dZ)


def gradients_cost_with_Y_column(w, b, X, Y):
    m = X.shape[1]
    A = _sig(w.T @ X + b)
    Yc = Y.T  # the labels as a column
    J = -np.mean(Yc * np.log(A) + (1 - Yc) * np.log(1 - A))  # (m, m), silently
    dZ = A - Y
    return J, X @ dZ.T / m, np.sum(dZ) / m


def gradients_J_one_by_one(w, b, X, Y):
    m = X.shape[1]
    A = _sig(w.T @ X + b)
    J = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m  # (1, 1)
    dZ = A - Y
    return J, X @ dZ.T / m, np.sum(dZ) / m


def gradients_X_transposed(w, b, X, Y):
    m = X.shape[1]
    A = _sig(w.T @ X + b)
    dZ = A - Y
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), X.T @ dZ / m, np.sum(dZ) / m


# --------------------------------------------------------------------------------------
# train
# --------------------------------------------------------------------------------------


def train_vectorized(X, Y, alpha, iterations):
    w, b = np.zeros((X.shape[0], 1)), 0.0
    costs = []
    for _ in range(iterations):
        J, dw, db = gradients_mean(w, b, X, Y)
        costs.append(J)
        w, b = w - alpha * dw, b - alpha * db
    return w, b, costs


def train_with_module(X, Y, alpha, iterations):
    w = np.zeros((X.shape[0], 1))
    b = 0
    costs = np.zeros(iterations)
    i = 0
    while i < iterations:
        costs[i], dw, db = lh.gradients(w, b, X, Y)
        w, b = lh.update(w, b, dw, db, alpha)
        i += 1
    return w, b, costs


def _train_slip(record_after=False, update_b=True, b_with_b=False, sign=-1, start=0.0,
                extra_cost=False, every=1, return_costs=True):
    def train(X, Y, alpha, iterations):
        w, b = np.full((X.shape[0], 1), start), 0.0
        costs = []
        for i in range(iterations):
            J, dw, db = lh.gradients(w, b, X, Y)
            if not record_after and i % every == 0:
                costs.append(J)
            w = w + sign * alpha * dw
            if update_b:
                b = b + sign * alpha * (b if b_with_b else db)
            if record_after:
                costs.append(lh.gradients(w, b, X, Y)[0])
        if extra_cost:
            costs.append(lh.gradients(w, b, X, Y)[0])
        return (w, b, costs) if return_costs else (w, b)
    return train


# --------------------------------------------------------------------------------------
# predict
# --------------------------------------------------------------------------------------


def predict_int(w, b, X):
    A = _sig(w.T @ X + b)
    return (A > 0.5).astype(int)


def predict_where(w, b, X):
    return np.where(w.T @ X + b > 0, 1.0, 0.0)


def predict_bool(w, b, X):
    return lh.forward(w, b, X)[1] > 0.5


def predict_loop(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = _sig(w.T @ X + b)
    for i in range(m):
        Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0
    return Y_prediction


def predict_round(w, b, X):
    return np.round(_sig(w.T @ X + b))


def predict_A_above_0(w, b, X):
    return (_sig(w.T @ X + b) > 0).astype(int)


def predict_Z_above_half(w, b, X):
    return (w.T @ X + b > 0.5).astype(int)


def predict_probabilities(w, b, X):
    return _sig(w.T @ X + b)


def predict_flipped(w, b, X):
    return (_sig(w.T @ X + b) < 0.5).astype(int)


def predict_no_b(w, b, X):
    return (_sig(w.T @ X) > 0.5).astype(int)


def predict_rank1(w, b, X):
    return (_sig(w.T @ X + b) > 0.5).astype(int).ravel()


# --------------------------------------------------------------------------------------
# standardize
# --------------------------------------------------------------------------------------


def standardize_keepdims(X, mean=None, std=None):
    if mean is None:
        mean = np.mean(X, axis=1, keepdims=True)
    if std is None:
        std = np.std(X, axis=1, keepdims=True)
    return (X - mean) / std, mean, std


def standardize_sample_std(X, mean=None, std=None):
    mean = X.mean(axis=1)[:, None] if mean is None else mean
    std = X.std(axis=1, ddof=1)[:, None] if std is None else std
    return (X - mean) / std, mean, std


def standardize_axis0(X, mean=None, std=None):
    mean = X.mean(axis=0, keepdims=True) if mean is None else mean
    std = X.std(axis=0, keepdims=True) if std is None else std
    return (X - mean) / std, mean, std


def standardize_no_keepdims(X, mean=None, std=None):
    mean = X.mean(axis=1) if mean is None else mean
    std = X.std(axis=1) if std is None else std
    return (X - mean) / std, mean, std


def standardize_ignores_given(X, mean=None, std=None):
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    return (X - mean) / std, mean, std


def standardize_variance(X, mean=None, std=None):
    mean = X.mean(axis=1, keepdims=True) if mean is None else mean
    std = X.var(axis=1, keepdims=True) if std is None else std
    return (X - mean) / std, mean, std


def standardize_not_centred(X, mean=None, std=None):
    mean = X.mean(axis=1, keepdims=True) if mean is None else mean
    std = X.std(axis=1, keepdims=True) if std is None else std
    return X / std, mean, std


def standardize_in_place(X, mean=None, std=None):
    mean = X.mean(axis=1, keepdims=True) if mean is None else mean
    std = X.std(axis=1, keepdims=True) if std is None else std
    X -= mean
    X /= std
    return X, mean, std


def standardize_one_argument(X):
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    return (X - mean) / std, mean, std


# --------------------------------------------------------------------------------------
# accuracy
# --------------------------------------------------------------------------------------


def accuracy_mean(w, b, X, Y):
    return float(np.mean(lh.predict(w, b, X) == Y))


def accuracy_loop(w, b, X, Y):
    p = predict_loop(w, b, X)
    right = 0
    for i in range(X.shape[1]):
        right += p[0, i] == Y[0, i]
    return right / X.shape[1]


def accuracy_abs(w, b, X, Y):
    return 1 - np.mean(np.abs(predict_int(w, b, X) - Y))


def accuracy_count(w, b, X, Y):
    return np.sum(predict_int(w, b, X) == Y)


def accuracy_percent(w, b, X, Y):
    return 100 * np.mean(predict_int(w, b, X) == Y)


def accuracy_error_rate(w, b, X, Y):
    return np.mean(predict_int(w, b, X) != Y)


def accuracy_column(w, b, X, Y):
    return np.mean(predict_int(w, b, X) == Y.T)


# --------------------------------------------------------------------------------------
# Odd results: right numbers, or nearly, of the wrong type or shape
# --------------------------------------------------------------------------------------


def sigmoid_wrapped_in_an_array(z):
    return np.array([1 / (1 + np.exp(-z))])


def sigmoid_list_of_entries(z):
    if np.ndim(z) == 0:
        return 1 / (1 + np.exp(-z))
    return [1 / (1 + np.exp(-v)) for v in np.ravel(z)]


def sigmoid_squeezed(z):
    return np.squeeze(1 / (1 + np.exp(-z)))


def one_example_as_columns(x, w, b, y):
    x, w = np.array(x).reshape(-1, 1), np.array(w).reshape(-1, 1)
    z = w.T @ x + b  # a 1-by-1 array, as in the vectorized notebook
    a = 1 / (1 + np.exp(-z))
    L = -(y * np.log(a) + (1 - y) * np.log(1 - a))
    dz = a - y
    return z, a, L, dz, x * dz, dz


def one_example_first_and_last(x, w, b, y):
    z = w[0] * x[0] + w[-1] * x[-1] + b
    a = 1 / (1 + math.exp(-z))
    L = -(y * math.log(a) + (1 - y) * math.log(1 - a))
    dz = a - y
    return z, a, L, dz, (x[0] * dz, x[-1] * dz), dz


def one_example_dw_after_the_loop(x, w, b, y):
    z = b
    for xj, wj in zip(x, w):
        z += wj * xj
    a = 1 / (1 + math.exp(-z))
    L = -(y * math.log(a) + (1 - y) * math.log(1 - a))
    dz = a - y
    dw = [xj * dz]  # after the loop, xj is the last feature
    return z, a, L, dz, dw, dz


def gradients_loop_rank1_dw(w, b, X, Y):
    n_x, m = X.shape
    J, db = 0.0, 0.0
    dw = np.zeros(n_x)
    for i in range(m):
        a = _sig(float(w[:, 0] @ X[:, i]) + b)
        J += -(Y[0, i] * np.log(a) + (1 - Y[0, i]) * np.log(1 - a))
        dz = a - Y[0, i]
        dw += X[:, i] * dz
        db += dz
    return J / m, dw / m, db / m


def update_b_with_dw(w, b, dw, db, alpha):
    return w - alpha * dw, b - alpha * dw


def forward_rank1(w, b, X):
    Z = np.dot(w.ravel(), X) + b
    return Z, _sig(Z)


def forward_sums_everything(w, b, X):
    Z = np.sum(w * X) + b
    return Z, _sig(Z)


def forward_A_as_a_column(w, b, X):
    Z = w.T @ X + b
    A = _sig(X.T @ w + b)  # computed again, the other way round
    return Z, A


def gradients_losses_not_added_up(w, b, X, Y):
    m = X.shape[1]
    A = _sig(w.T @ X + b)
    J = -(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    return J, X @ dZ.T / m, np.sum(dZ) / m


def gradients_column_A_not_added_up(w, b, X, Y):
    m = X.shape[1]
    A = _sig(X.T @ w + b)  # a column (m, 1)
    J = -(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m  # (m, m)
    dZ = A.T - Y
    return J, X @ dZ.T / m, np.sum(dZ) / m


def gradients_rank1_dw(w, b, X, Y):
    m = X.shape[1]
    A = _sig(w.T @ X + b)
    dZ = A - Y
    J = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return J, np.sum(X * dZ, axis=1) / m, np.sum(dZ) / m


def gradients_products_not_added_up(w, b, X, Y):
    A = _sig(w.T @ X + b)
    dZ = A - Y
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), X * dZ, np.mean(dZ)


def gradients_dw_as_a_list(w, b, X, Y):
    A = _sig(w.T @ X + b)
    dZ = A - Y
    dw = [np.mean(X[j] * dZ) for j in range(X.shape[0])]
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), dw, np.mean(dZ)


def gradients_db_one_by_one(w, b, X, Y):
    m = X.shape[1]
    A = _sig(w.T @ X + b)
    dZ = A - Y
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), X @ dZ.T / m, db


def train_b_one_by_one(X, Y, alpha, iterations):
    w, b = np.zeros((X.shape[0], 1)), 0.0
    costs = []
    for _ in range(iterations):
        J, dw, _ = gradients_mean(w, b, X, Y)
        db = np.sum(_sig(w.T @ X + b) - Y, axis=1, keepdims=True) / X.shape[1]
        costs.append(J)
        w, b = w - alpha * dw, b - alpha * db
    return w, b, costs


def train_returns_the_last_cost(X, Y, alpha, iterations):
    w, b = np.zeros((X.shape[0], 1)), 0.0
    for _ in range(iterations):
        J, dw, db = gradients_mean(w, b, X, Y)
        w, b = w - alpha * dw, b - alpha * db
    return w, b, J


def train_divides_dw_by_m_again(X, Y, alpha, iterations):
    w, b = np.zeros((X.shape[0], 1)), 0.0
    costs = []
    for _ in range(iterations):
        J, dw, db = gradients_mean(w, b, X, Y)
        costs.append(J)
        w, b = w - alpha * dw / X.shape[1], b - alpha * db
    return w, b, costs


def predict_column(w, b, X):
    return (_sig(X.T @ w + b) > 0.5).astype(int)


def predict_signs(w, b, X):
    return np.sign(w.T @ X + b)


def predict_rounds_Z(w, b, X):
    return np.round(w.T @ X + b)


def standardize_returns_rank1(X, mean=None, std=None):
    mean = X.mean(axis=1) if mean is None else mean.ravel()
    std = X.std(axis=1) if std is None else std.ravel()
    return (X - mean[:, None]) / std[:, None], mean, std


def standardize_std_rank1(X, mean=None, std=None):
    mean = X.mean(axis=1, keepdims=True) if mean is None else mean
    std = X.std(axis=1) if std is None else std.ravel()
    return (X - mean) / std[:, None], mean, std


def accuracy_all_right(w, b, X, Y):
    return np.all(predict_int(w, b, X) == Y)


# --------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------

S, O, GL, U = ex.check_sigmoid, ex.check_one_example, ex.check_gradients_loop, ex.check_update
F, G, T, P = ex.check_forward, ex.check_gradients, ex.check_train, ex.check_predict
Z, A = ex.check_standardize, ex.check_accuracy

WRONG = [  # (check, wrong function, a phrase of the hint it must get)
    (S, sigmoid_exp_plus, "mirror image"),
    (S, sigmoid_no_parentheses, "whole denominator in parentheses"),
    (S, sigmoid_minus, "sign between the 1 and the exponential"),
    (S, sigmoid_math, "works on a single number but not on an array"),
    (S, sigmoid_overflows, "inf / inf is nan"),
    (S, sigmoid_derivative, "That is the derivative"),
    (S, sigmoid_rounded, "returns only 0 and 1"),
    (S, sigmoid_in_place, "changed its argument z"),
    (O, _one_example_slip(bias=False), "forgot to add b"),
    (O, _one_example_slip(dw_rule="x1"), "Every entry of dw uses x1"),
    (O, _one_example_slip(dz_rule="y - a"), "have the wrong sign"),
    (O, _one_example_slip(dz_rule="a(1-a)"), "a(1 - a) alone"),
    (O, _one_example_slip(dz_rule="da"), "dL/da alone"),
    (O, _one_example_slip(L_sign=1), "L came out negative"),
    (O, _one_example_slip(y_term_only=True), "only the second one counts"),
    (O, _one_example_slip(dw_rule="w"), "with respect to w_j is the feature x_j"),
    (O, one_example_two_features, "any number of features"),
    (O, one_example_no_return, "without a return statement"),
    (GL, _gradients_loop_slip(dz_accumulates=True), "dz is not an accumulator"),
    (GL, _gradients_loop_slip(feature_fixed=True), "Every entry of dw uses x1"),
    (GL, _gradients_loop_slip(divide=("J", "dw")), "db is 4 times too large"),
    (GL, gradients_loop_zeros_two_numbers, "ONE argument, a tuple"),
    (GL, _gradients_loop_slip(bias=False), "forgot to add b"),
    (GL, _gradients_loop_slip(divide=("dw", "db")), "J is 4 times too large"),
    (GL, _gradients_loop_slip(divide=()), "are all 4 times too large"),
    (GL, _gradients_loop_slip(stop_early=True), "The last example is missing"),
    (GL, _gradients_loop_slip(dw_after_loop=True), "Only the last example reached dw"),
    (GL, _gradients_loop_slip(divisor="n_x"), "divided by n_x"),
    (GL, _gradients_loop_slip(row_dw=True), "Start the accumulator dw as a column"),
    (GL, _gradients_loop_slip(y_term_only=True), "leaves out the examples with label 0"),
    (GL, _gradients_loop_slip(dz_rule="y - a"), "dw and db have the wrong sign"),
    (GL, gradients_loop_J_array, "inside a loop a product with w.T gives one of shape (1,)"),
    (U, update_b_with_b, "uses b itself instead of db"),
    (U, update_uphill, "goes up the gradient"),
    (U, update_in_place, "changed its argument w"),
    (U, update_no_alpha, "ignores the learning rate"),
    (U, update_swapped, "b first and w second"),
    (U, update_w_with_w, "uses w itself instead of dw"),
    (F, forward_no_b, "forgot to add b"),
    (F, forward_returns_A_twice, "it looks like A"),
    (F, forward_no_transpose, "with the transpose of w"),
    (F, forward_column, "Z is a column"),
    (F, forward_elementwise, "not added up over the features"),
    (F, forward_swapped, "they look swapped"),
    (F, forward_mirror, "mirror image of σ(Z)"),
    (G, _gradients_slip(dw_form="dZ @ X.T"), "the two factors are the other way round"),
    (G, _gradients_slip(divide=()), "are all 4 times too large"),
    (G, _gradients_slip(divide=("dw", "db")), "J is 4 times too large"),
    (G, _gradients_slip(divide=("J", "dw")), "db is 4 times too large"),
    (G, _gradients_slip(divide=("J", "db")), "dw is 4 times too large"),
    (G, gradients_rank1_Y_column_A, "numpy broadcast them into an (m, m) matrix"),
    (G, gradients_cost_with_Y_column, "J is an average over an (m, m) matrix"),
    (G, _gradients_slip(dz_sign=-1), "dw and db have the wrong sign"),
    (G, _gradients_slip(J_sign=1), "J came out negative"),
    (G, _gradients_slip(bias=False), "forgot to add b"),
    (G, gradients_J_one_by_one, "(1, m) row and an (m, 1) column gives a 1-by-1 array"),
    (G, _gradients_slip(dw_form="sum"), "adds up over the features too"),
    (G, _gradients_slip(dw_form="no sum"), "not added up over the examples"),
    (G, _gradients_slip(y_term_only=True), "leaves out the examples with label 0"),
    (G, gradients_X_transposed, "The shapes in a matrix product do not fit"),
    (T, _train_slip(record_after=True), "shifted by one step"),
    (T, _train_slip(update_b=False), "b never moved from 0"),
    (T, _train_slip(b_with_b=True), "b never moved from 0"),
    (T, _train_slip(sign=1), "The cost rises"),
    (T, _train_slip(start=0.5), "Start from zeros"),
    (T, _train_slip(extra_cost=True), "one cost too many"),
    (T, _train_slip(every=2), "once per iteration"),
    (T, _train_slip(return_costs=False), "It should return 3 values"),
    (P, predict_A_above_0, "Every prediction is 1"),
    (P, predict_Z_above_half, "The threshold 0.5 is for A"),
    (P, predict_probabilities, "numbers between 0 and 1, not 0 and 1"),
    (P, predict_flipped, "predictions are flipped"),
    (P, predict_no_b, "forgot to add b"),
    (P, predict_rank1, "rank-1"),
    (Z, standardize_axis0, "take the mean along each row"),
    (Z, standardize_no_keepdims, "as keepdims=True keeps it"),
    (Z, standardize_ignores_given, "ignores them"),
    (Z, standardize_variance, "is the variance"),
    (Z, standardize_not_centred, "not centred"),
    (Z, standardize_in_place, "changed its argument X"),
    (Z, standardize_one_argument, "standardize takes X and, optionally"),
    (A, accuracy_count, "number of examples predicted right"),
    (A, accuracy_percent, "That is a percentage"),
    (A, accuracy_error_rate, "the error rate"),
    (A, accuracy_column, "(m, m) matrix of comparisons"),
]

RIGHT = [  # (check, a right function): at least two styles per exercise
    (S, sigmoid_textbook), (S, sigmoid_stable), (S, sigmoid_power), (S, sigmoid_expit),
    (O, one_example_zip), (O, one_example_numpy), (O, one_example_indices),
    (GL, gradients_loop_nested), (GL, gradients_loop_dot), (GL, gradients_mean),
    (U, update_plain), (U, update_copy_then_in_place),
    (F, forward_matmul), (F, forward_dot), (F, forward_loop), (F, forward_loop_math),
    (G, gradients_mean), (G, gradients_dot), (G, gradients_stable), (G, gradients_loop_nested),
    (T, train_vectorized), (T, train_with_module),
    (P, predict_int), (P, predict_where), (P, predict_bool), (P, predict_loop),
    (P, predict_round),
    (Z, standardize_keepdims), (Z, standardize_sample_std),
    (A, accuracy_mean), (A, accuracy_loop), (A, accuracy_abs),
]

MODULE = {  # the module's own functions are right too, of course
    S: lh.sigmoid, GL: lh.gradients_loop, U: lh.update, F: lh.forward, G: lh.gradients,
    P: lh.predict, Z: lh.standardize,
}


def _name(value):
    return getattr(value, "__qualname__", getattr(value, "__name__", str(value)))


ODD = [  # (check, a function whose result has the wrong type or shape, what it is told)
    (S, sigmoid_wrapped_in_an_array, "do not wrap z or the result in a list or an array"),
    (S, sigmoid_list_of_entries, "returned a list"),
    (S, sigmoid_squeezed, "σ(z) should have shape (1, 5), but it has shape (5,)."),
    (O, one_example_as_columns, "nothing in this exercise needs an array"),
    (O, _one_example_slip(dw_rule="generator"), "make a generator, not a tuple"),
    (O, one_example_first_and_last, "one entry per weight (1 here), but it has 2."),
    (O, one_example_dw_after_the_loop, "One derivative per weight"),
    (O, _one_example_slip(log=math.log10), "Hint: L = -(y log a + (1 - y) log(1 - a))."),
    (O, _one_example_slip(dz_rule="z - y"), "the chain rule through a. dw_j = x_j dz"),
    (GL, gradients_loop_rank1_dw, "Start the accumulator dw as a column of shape (n_x, 1)"),
    (U, update_b_with_dw, "The new b should be a single number"),
    (F, forward_rank1, "Z is a rank-1 array (m,)"),
    (F, forward_sums_everything, "Something added up over the examples too"),
    (F, forward_A_as_a_column, "A is a column, (m, 1)"),
    (G, gradients_losses_not_added_up, "one loss per example"),
    (G, gradients_column_A_not_added_up, "but it has shape (4, 4)."),
    (G, gradients_rank1_dw, "a sum along one axis drops that axis"),
    (G, gradients_products_not_added_up, "the products x_j dz are there"),
    (G, gradients_dw_as_a_list, "but it is a list."),
    (G, gradients_db_one_by_one, "db is a 1-by-1 array"),
    (T, train_b_one_by_one, "b should be a single number, but it is an array of shape (1, 1)"),
    (T, train_returns_the_last_cost, "append J to it in every iteration"),
    (T, train_divides_dw_by_m_again, "Look at the update of w"),
    (P, predict_column, "It is a column (m, 1)"),
    (P, predict_signs, "It should hold only 0 and 1."),
    (P, predict_rounds_Z, "It should hold only 0 and 1."),
    (Z, standardize_returns_rank1, "The mean is a rank-1 array"),
    (Z, standardize_std_rank1, "The std is a rank-1 array"),
    (A, accuracy_all_right, "but it is False, a boolean."),
]


@pytest.mark.parametrize("check, function, message", ODD,
                         ids=[selectable_id(f"{_name(c)}-{m[:30]}") for c, _, m in ODD])
def test_a_result_of_the_wrong_type_or_shape_is_named(check, function, message, capsys):
    assert check(function) is False
    verdict = capsys.readouterr().out
    assert "not right yet" in verdict and message in verdict, verdict
    assert "check itself failed" not in verdict and "It raised" not in verdict


@pytest.mark.parametrize("check, function, phrase", WRONG,
                         ids=[selectable_id(f"{_name(c)}-{p[:30]}") for c, _, p in WRONG])
def test_each_mistake_fails_with_its_own_hint(check, function, phrase, capsys):
    assert check(function) is False
    verdict = capsys.readouterr().out
    assert "not right yet" in verdict
    assert phrase in verdict
    others = {p for c, _, p in WRONG if c is check and p != phrase}
    assert not [p for p in others if p in verdict], verdict
    assert "check itself failed" not in verdict
    assert not re.search(r"\{[a-z_]+\}", verdict), f"an unfilled placeholder: {verdict}"


def test_the_table_is_large_and_covers_every_exercise():
    assert len(WRONG) >= 30
    for check in (S, O, GL, U, F, G, T, P, Z, A):
        assert sum(c is check for c, _, _ in WRONG) >= 4
        assert sum(c is check for c, _ in RIGHT) >= 2


@pytest.mark.parametrize("check, function", RIGHT + list(MODULE.items()),
                         ids=[f"{_name(c)}-{_name(f)}" for c, f in RIGHT + list(MODULE.items())])
def test_right_code_written_differently_passes(check, function, capsys):
    passed = check(function)
    verdict = capsys.readouterr().out
    assert passed is True, verdict
    assert verdict.startswith("All checks passed")
    assert verdict.count("\n") == 1  # one verdict, one line


def test_the_worked_versions_pass_their_own_checks(capsys):
    for name, worked in ex._WORKED.items():
        assert getattr(ex, f"check_{name}")(worked), capsys.readouterr().out


def test_every_known_mistake_shows_on_some_case():
    """A mistake whose model returns the right answer on every case could never be named."""
    for exercise in (ex._SIGMOID, ex._ONE_EXAMPLE, ex._GRADIENTS_LOOP, ex._GRADIENTS,
                     ex._UPDATE, ex._FORWARD, ex._TRAIN, ex._PREDICT, ex._STANDARDIZE,
                     ex._ACCURACY):
        hints = [slip.hint for slip in exercise.slips]
        assert len(set(hints)) == len(hints), f"{exercise.name}: two mistakes share a hint"
        with np.errstate(all="ignore"):
            for slip in exercise.slips:
                assert not all(
                    ex._agrees(ex._model(slip.model, c), exercise.expected(*c.args), c.skip)
                    for c in exercise.cases
                ), f"{exercise.name}: no case shows {slip.hint[:60]!r}"


# --------------------------------------------------------------------------------------
# Not done yet, prints, time, arguments
# --------------------------------------------------------------------------------------


def test_a_stub_is_not_done_yet_in_its_check_and_the_worked_version_elsewhere(capsys):
    def sigmoid(z):
        # YOUR CODE HERE
        return ex.not_done_yet("sigmoid", z)

    assert ex.check_sigmoid(sigmoid) is False
    assert "sigmoid: not done yet" in capsys.readouterr().out
    assert sigmoid(0.0) == 0.5 and sigmoid(2.0) == lh.sigmoid(2.0)
    printed = capsys.readouterr().out
    assert printed.count("sigmoid is not done yet") == 1  # one note per cell, not per call


def test_a_check_says_which_unfinished_function_it_waits_for(capsys):
    def gradients(w, b, X, Y):
        return ex.not_done_yet("gradients", w, b, X, Y)

    assert ex.check_train(_train_slip_using(gradients)) is False
    assert "it calls gradients, which is not done yet" in capsys.readouterr().out


def _train_slip_using(gradients):
    def train(X, Y, alpha, iterations):
        w, b, costs = np.zeros((X.shape[0], 1)), 0.0, []
        for _ in range(iterations):
            J, dw, db = gradients(w, b, X, Y)
            costs.append(J)
            w, b = w - alpha * dw, b - alpha * db
        return w, b, costs
    return train


def test_the_classic_stub_raising_not_implemented_error_is_not_done_yet(capsys):
    def predict(w, b, X):
        raise NotImplementedError()

    assert ex.check_predict(predict) is False
    assert "predict: not done yet" in capsys.readouterr().out


def test_prints_are_kept_out_of_the_verdict(capsys):
    def noisy(z):
        print("debugging", z)
        return 1 / (1 + np.exp(-z))

    def noisy_and_wrong(z):
        print("z is", z)
        return 1 / (1 + np.exp(z))

    assert ex.check_sigmoid(noisy)
    verdict = capsys.readouterr().out
    assert verdict.startswith("All checks passed") and "debugging" not in verdict
    assert "printed 7 lines" in verdict  # six cases; the (2, 3) array prints on two lines
    assert not ex.check_sigmoid(noisy_and_wrong)
    assert "Your function printed this on that case:\n    z is 2.0" in capsys.readouterr().out


def _sigmoid_that_prints(text, right, only_at_zero=False):
    def sigmoid(z):
        if not only_at_zero or (np.ndim(z) == 0 and z == 0):
            print(text, end="")
        return 1 / (1 + np.exp(-z if right else z))
    return sigmoid


_SHOWN = "Your function printed this on that case:"
PRINTS = [  # (what the function prints, is it right, the verdict's last lines)
    ("\nfirst\nlast   \n", False, [_SHOWN, "    ", "    first", "    last   "]),
    ("".join(f"line {i}\n" for i in range(5)), False,
     [_SHOWN] + [f"    line {i}" for i in range(5)]),
    ("".join(f"line {i}\n" for i in range(6)), False,
     [_SHOWN] + [f"    line {i}" for i in range(5)] + ["    ... (1 more not shown)"]),
    ("x" * 120 + "\n", False, [_SHOWN, "    " + "x" * 100]),
    ("one\n", True, ["(Your function printed 1 line while it was checked, not shown here.)"]),
    ("one\ntwo\n", True,
     ["(Your function printed 2 lines while it was checked, not shown here.)"]),
]


@pytest.mark.parametrize("text, right, last_lines", PRINTS,
                         ids=["blank and trailing spaces", "five lines", "six lines",
                              "a long line", "one line", "two lines"])
def test_what_a_function_prints_is_shown_only_when_it_fails_and_only_in_part(
        text, right, last_lines, capsys):
    assert ex.check_sigmoid(_sigmoid_that_prints(text, right, only_at_zero=right)) is right
    assert capsys.readouterr().out.splitlines()[-len(last_lines):] == last_lines


def test_a_known_mistake_whose_model_cannot_run_matches_nothing():
    exercise = replace(ex._SIGMOID, slips=(ex._Slip("a hint no mistake earns", _raises),))
    passed, lines = ex._judge(exercise, sigmoid_exp_plus)
    assert passed is False and "a hint no mistake earns" not in "\n".join(lines)


def test_what_a_function_writes_to_stderr_is_kept_out_of_the_verdict_too(capsys):
    def sigmoid(z):
        sys.stderr.write("careful\n")
        print("z is", z, file=sys.stderr)
        return 1 / (1 + np.exp(z))

    assert ex.check_sigmoid(sigmoid) is False
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-3:] == [_SHOWN, "    careful", "    z is 2.0"]
    assert captured.err == ""


def test_an_endless_loop_is_stopped(monkeypatch, capsys):
    monkeypatch.setattr(ex, "TIME_LIMIT", 0.2)

    def forever(w, b, X, Y):
        i = 0
        while i < X.shape[1]:
            try:
                J = 0.0
            except BaseException:  # noqa: BLE001 - even this cannot keep it running
                pass
        return J

    assert ex.check_gradients(forever) is False
    verdict = capsys.readouterr().out
    assert "did not finish within 0.2 seconds" in verdict
    assert "while i < X.shape[1]:" in verdict or "J = 0.0" in verdict or "try:" in verdict


def test_keyboard_interrupt_is_not_swallowed():
    def interrupted(z):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ex.check_sigmoid(interrupted)


def test_the_arguments_a_check_passes_are_copies(capsys):
    case = ex._UPDATE.cases[0]
    before = case.args[0].copy()
    ex.check_update(update_in_place)
    assert np.array_equal(case.args[0], before)


def test_a_check_asks_for_the_function_not_its_result(capsys):
    assert ex.check_sigmoid(sigmoid_textbook(0.0)) is False
    assert "with no parentheses after sigmoid" in capsys.readouterr().out


def test_the_exception_and_its_line_are_shown(capsys):
    ex.check_gradients_loop(gradients_loop_zeros_two_numbers)
    verdict = capsys.readouterr().out
    assert "TypeError: Cannot interpret '1' as a data type" in verdict
    assert "It stopped at this line of your code:  dw = np.zeros(n_x, 1)" in verdict
    assert "The case that shows it: the lecture's shapes" in verdict


def test_a_failing_verdict_shows_inputs_expected_and_got(capsys):
    ex.check_gradients(_gradients_slip(divide=("J", "dw")))
    verdict = capsys.readouterr().out
    db = lh.gradients(*ex._GRADIENTS.cases[0].args)[2]
    assert "    b = 0.5" in verdict and "    Y = [[1.0, 0.0, 1.0, 0.0]]" in verdict
    assert f"Expected  db = {float(f'{db:.6g}')!r}" in verdict
    assert f"Got       db = {float(f'{4 * db:.6g}')!r}" in verdict


def test_the_module_imports_without_matplotlib_or_ipywidgets():
    code = ("import sys; sys.modules['matplotlib'] = None; sys.modules['ipywidgets'] = None\n"
            "from logreg_helpers import exercises as ex\n"
            "assert ex.check_sigmoid(ex._WORKED['sigmoid'])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------
# Random inputs: no false alarms; broken functions: no exceptions
# --------------------------------------------------------------------------------------


def _judged(exercise, function, *args):
    """The verdict of ``function`` on one extra case, built from ``args``."""
    case = ex._Case("a random case", args)
    return ex._judge(replace(exercise, cases=[case]), function)


@settings(max_examples=40)
@given(arrays(float, st.tuples(st.integers(1, 3), st.integers(1, 4)),
              elements=st.floats(-1000, 1000)))
def test_right_sigmoids_pass_on_random_z(z):
    for sigmoid in (sigmoid_textbook, sigmoid_stable, sigmoid_power, sigmoid_expit):
        passed, lines = _judged(ex._SIGMOID, sigmoid, z)
        assert passed, "\n".join(lines)


@settings(max_examples=40)
@given(problems(max_n_x=3, max_m=6, w_bound=1.0, x_bound=3.0))
def test_right_gradients_forward_and_predict_pass_on_random_problems(problem):
    w, b, (X, Y) = problem
    for exercise, functions in [
        (ex._GRADIENTS, (gradients_mean, gradients_dot, gradients_loop_nested)),
        (ex._GRADIENTS_LOOP, (gradients_loop_nested, gradients_loop_dot)),
        (ex._FORWARD, (forward_matmul, forward_loop)),
    ]:
        for function in functions:
            args = (w, b, X, Y) if exercise is not ex._FORWARD else (w, b, X)
            passed, lines = _judged(exercise, function, *args)
            assert passed, "\n".join(lines)
    if np.all(np.abs(w.T @ X + b) > 1e-9):  # exactly on the boundary, conventions differ
        for function in (predict_int, predict_where, predict_loop):
            passed, lines = _judged(ex._PREDICT, function, w, b, X)
            assert passed, "\n".join(lines)


@settings(max_examples=25)
@given(problems(max_n_x=3, max_m=6, w_bound=1.0, x_bound=3.0),
       st.floats(0.01, 2.0), st.integers(1, 12))
def test_right_train_and_update_pass_on_random_problems(problem, alpha, iterations):
    w, b, (X, Y) = problem
    for function in (train_vectorized, train_with_module):
        passed, lines = _judged(ex._TRAIN, function, X, Y, alpha, iterations)
        assert passed, "\n".join(lines)
    dw, db = w[::-1].copy(), -b
    for function in (update_plain, update_copy_then_in_place):
        passed, lines = _judged(ex._UPDATE, function, w, b, dw, db, alpha)
        assert passed, "\n".join(lines)


@settings(max_examples=40)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
           st.tuples(*[st.floats(-3, 3)] * n), st.tuples(*[st.floats(-2, 2)] * n))),
       st.floats(-2, 2), st.sampled_from([0, 1]))
def test_right_one_examples_pass_on_random_examples(xw, b, y):
    x, w = xw
    for function in (one_example_zip, one_example_numpy, one_example_indices):
        passed, lines = _judged(ex._ONE_EXAMPLE, function, x, w, b, y)
        assert passed, "\n".join(lines)


@settings(max_examples=40)
@given(problems(max_n_x=3, max_m=6, w_bound=1.0, x_bound=3.0))
def test_right_standardize_and_accuracy_pass_on_random_data(problem):
    w, b, (X, Y) = problem
    if X.shape[1] > 1 and np.all(X.std(axis=1) > 1e-3):  # every feature varies
        for function in (standardize_keepdims, standardize_sample_std):
            passed, lines = _judged(ex._STANDARDIZE, function, X)
            assert passed, "\n".join(lines)
    if np.all(np.abs(w.T @ X + b) > 1e-9):
        for function in (accuracy_mean, accuracy_loop, accuracy_abs):
            passed, lines = _judged(ex._ACCURACY, function, w, b, X, Y)
            assert passed, "\n".join(lines)


class _Unprintable:
    def __repr__(self):
        raise RuntimeError("no repr")

    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array")

    def __iter__(self):
        raise RuntimeError("no iteration")


def _raises(*args):
    raise ValueError("broken")


def _prints_a_lot(*args):
    for i in range(1000):
        print("line", i)


def _changes_everything(*args):
    for a in args:
        if isinstance(a, np.ndarray):
            a[...] = np.nan
    return args


def _recursion(*args):
    return _recursion(*args)


def _exits(*args):
    sys.exit(3)


ZOO = [
    _raises, _prints_a_lot, _changes_everything, _recursion, _exits,
    lambda *a: None, lambda *a: "a string", lambda *a: {"J": 1.0}, lambda *a: _Unprintable(),
    lambda *a: (_Unprintable(),) * 6, lambda *a: np.full((1, 4), np.nan),
    lambda *a: (np.inf, np.full((2, 1), np.inf), -np.inf), lambda *a: (x for x in a),
    lambda *a: tuple(a), lambda *a: a[0], lambda *a: np.array(["a", "b"]),
    lambda *a: (np.nan,) * 6, lambda *a: [[1, 2], [3]], lambda *a: 1e308 * np.ones((1, 4)),
    lambda *a: (object(), object(), object()), lambda: 0.5, print,
    lambda *a: (1.0, 0.5, 0.3, 0.2, _Unprintable(), 0.2),
    lambda *a: (np.zeros((2, 1)), 0.0, _Unprintable()),
    lambda *a: (np.zeros((1, 4)), _Unprintable()), lambda *a: (_Unprintable(), 0.5),
]

CHECKS = [S, O, GL, U, F, G, T, P, Z, A]


@pytest.mark.parametrize("broken", ZOO, ids=range(len(ZOO)))
def test_no_broken_function_makes_a_check_raise(broken, capsys):
    for check in CHECKS:
        assert check(broken) is False
        verdict = capsys.readouterr().out
        assert verdict.strip() and "check itself failed" not in verdict, verdict
        assert len(verdict) < 5000


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3)
    | arrays(float, st.tuples(st.integers(0, 3), st.integers(0, 5)), elements=st.floats()),
    lambda children: st.lists(children, max_size=7).map(tuple) | st.lists(children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60)
@given(_values)
def test_checks_never_raise_whatever_a_function_returns(value):
    for check in CHECKS:
        passed = check(lambda *args, value=value: value)
        assert passed in (True, False)


def test_the_check_of_a_function_that_breaks_the_checker_is_honest(monkeypatch, capsys):
    monkeypatch.setattr(ex._SIGMOID, "expected", _raises)
    assert ex.check_sigmoid(sigmoid_textbook) is False
    assert capsys.readouterr().out == (
        "sigmoid: the check itself failed (ValueError: broken). Your function may well be "
        "right; please tell your teacher.\n")


# --------------------------------------------------------------------------------------
# Crashes a student meets: each classic one gets its own hint
# --------------------------------------------------------------------------------------


def sigmoid_minus_math(z):
    return 1 / (1 - math.exp(-z))  # at z = 0: 1 / 0 in Python floats


def sigmoid_loop_over_len(z):
    return np.array([1 / (1 + np.exp(-z[i])) for i in range(len(z))])  # len of a number


def sigmoid_entry_by_entry(z):
    if np.ndim(z) == 0:
        return 1 / (1 + math.exp(-z))
    return np.array([[1 / (1 + math.exp(-v)) for v in row] for row in z])  # z = -800


def one_example_log_of_label(x, w, b, y):
    z = sum(wj * xj for wj, xj in zip(w, x)) + b
    a = 1 / (1 + math.exp(-z))
    L = -(y * math.log(a) + (1 - y) * math.log(1 - y))  # typo: 1 - y for 1 - a
    dz = a - y
    return z, a, L, dz, tuple(xj * dz for xj in x), dz


def one_example_transpose_tuple(x, w, b, y):
    z = np.dot(w.T, x) + b
    a = 1 / (1 + np.exp(-z))
    return z, a, 0.0, a - y, tuple(xj * (a - y) for xj in x), a - y


def gradients_math_exp(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + math.exp(-(w.T @ X + b)))
    dZ = A - Y
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), X @ dZ.T / m, np.sum(dZ) / m


def gradients_elementwise_with_column(w, b, X, Y):
    m = X.shape[1]
    A = _sig(w.T @ X + b)
    dZ = A - Y
    dw = np.sum(X * dZ.T, axis=1, keepdims=True) / m  # (n_x, m) times (m, 1)
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), dw, np.sum(dZ) / m


def gradients_loop_indices_swapped(w, b, X, Y):
    n_x, m = X.shape
    J, dw, db = 0.0, np.zeros((n_x, 1)), 0.0
    for i in range(m):
        z = sum(w[j, 0] * X[i, j] for j in range(n_x)) + b  # X[i, j]: example first
        a = 1 / (1 + math.exp(-z))
        J += -(Y[0, i] * math.log(a) + (1 - Y[0, i]) * math.log(1 - a))
        for j in range(n_x):
            dw[j, 0] += X[j, i] * (a - Y[0, i])
        db += a - Y[0, i]
    return J / m, dw / m, db / m


def train_uses_a_notebook_variable(X, Y, alpha, iterations):
    w, b, costs = np.zeros((n_features, 1)), 0.0, []  # noqa: F821 - defined in another cell
    return w, b, costs


def one_example_matmul_of_tuples(x, w, b, y):
    z = w @ x + b
    a = 1 / (1 + np.exp(-z))
    return z, a, -(y * np.log(a) + (1 - y) * np.log(1 - a)), a - y, x * (a - y), a - y


def one_example_counts_from_one(x, w, b, y):
    z = w[1] * x[1] + w[2] * x[2] + b
    a = 1 / (1 + math.exp(-z))
    return z, a, -(y * math.log(a) + (1 - y) * math.log(1 - a)), a - y, (x[1], x[2]), a - y


def gradients_dot_without_transpose(w, b, X, Y):
    A = _sig(np.dot(w.T, X) + b)
    dZ = A - Y
    J = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return J, np.dot(X, dZ) / X.shape[1], np.mean(dZ)


def forward_dot_without_transpose(w, b, X):
    Z = np.dot(w, X) + b
    return Z, _sig(Z)


_student_cell = {"np": np}  # compiled apart, so that pytest does not rewrite its assert
exec(compile("def forward_wrong_assert(w, b, X):\n"
             "    Z = w.T @ X + b\n"
             "    assert Z.shape == (1, X.shape[0])\n"
             "    return Z, 1 / (1 + np.exp(-Z))\n", "<student cell>", "exec"), _student_cell)
forward_wrong_assert = _student_cell["forward_wrong_assert"]


CRASHES = [  # (check, a function that raises, a phrase of the hint it must get)
    (S, sigmoid_minus_math, "Something divided by zero"),
    (S, sigmoid_entry_by_entry, "math.exp overflows (and raises) beyond about 709"),
    (S, sigmoid_loop_over_len, "Read the last line of the message"),
    (O, one_example_log_of_label, "math.log got 0 or a negative number"),
    (O, one_example_transpose_tuple, "x and w arrive as tuples of numbers"),
    (O, one_example_matmul_of_tuples, "x and w arrive as tuples of numbers"),
    (O, one_example_counts_from_one, "numbered 0 to 1: Python counts from 0"),
    (G, gradients_math_exp, "Something that takes one number got a whole array"),
    (G, gradients_elementwise_with_column, "Two arrays whose shapes do not fit"),
    (G, gradients_dot_without_transpose, "The shapes in a matrix product do not fit"),
    (GL, gradients_loop_indices_swapped, "X has shape (n_x, m) = (2, 4)"),
    (T, train_uses_a_notebook_variable, "uses a name that does not exist when it runs"),
    (F, forward_dot_without_transpose, "w is a column (n_x, 1) and X is (n_x, m)"),
    (F, forward_wrong_assert, "Read the last line of the message"),
]


@pytest.mark.parametrize("check, function, phrase", CRASHES,
                         ids=[f"{_name(c)}-{_name(f)}" for c, f, _ in CRASHES])
def test_each_classic_crash_gets_its_own_hint(check, function, phrase, capsys):
    assert check(function) is False
    verdict = capsys.readouterr().out
    assert "It raised " in verdict
    assert phrase in verdict
    others = {p for _, _, p in CRASHES if p != phrase}
    assert not [p for p in others if p in verdict], verdict
    assert "check itself failed" not in verdict


def test_an_exception_without_a_message_is_shown_by_its_name(capsys):
    ex.check_forward(forward_wrong_assert)
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "forward: not right yet. It raised AssertionError: "


# --------------------------------------------------------------------------------------
# Every verdict word for word, as reviewed (tests/exercise_verdicts.txt)
# --------------------------------------------------------------------------------------

VERDICTS = Path(__file__).with_name("exercise_verdicts.txt")
_VALUES = re.compile(r"^(    [^ ]+ = |Expected |Got).*$", re.MULTILINE)  # inputs, expected, got
_NUMBER = re.compile(r"(?<![\w.])-?(\d+\.\d*(e[-+]?\d+)?|\d+e[-+]?\d+|nan|inf)(?![\w.])")


def _exercise_of(check):
    """The exercise behind ``check``, its named mistakes built afresh for the gradient checks."""
    exercise = {S: ex._SIGMOID, O: ex._ONE_EXAMPLE, GL: ex._GRADIENTS_LOOP, U: ex._UPDATE,
                F: ex._FORWARD, G: ex._GRADIENTS, T: ex._TRAIN, P: ex._PREDICT,
                Z: ex._STANDARDIZE, A: ex._ACCURACY}[check]
    if check in (G, GL):
        exercise = replace(exercise, slips=ex._gradient_slips(loop=check is GL))
    return exercise


def _all_verdicts():
    """The verdict of every wrong, crashing or broken function above, numbers masked.

    The numbers of the inputs, expected and got lines become '#' (other tests check them
    against the module), and the text of an error message is left out (numpy's changes
    between versions).
    """
    def stub(w, b, X):
        raise NotImplementedError()

    def stub_of_the_student_edition(w, b, X):
        return ex.not_done_yet("predict", w, b, X)

    rows = [(c, f, p) for c, f, p in WRONG + ODD + CRASHES] + [(P, stub, "the classic stub")]
    rows += [(P, stub_of_the_student_edition, "the student edition's stub"),
             (S, 0.5, "a number instead of the function")]
    rows += [(c, broken, f"broken function {i}") for i, broken in enumerate(ZOO) for c in CHECKS]
    out = []
    for check, function, phrase in rows:
        passed, lines = ex._judge(_exercise_of(check), function)
        text = "\n".join(lines)
        text = re.sub(r"(It raised \w+:).*", r"\1 ...", text)
        text = _VALUES.sub(lambda line: _NUMBER.sub("#", line.group()), text)
        text = re.sub(r"0x[0-9a-f]+", "0x#", text)  # the address in an object's repr
        out.append(f"=== {_name(check)}: {phrase}\n{text}\n")
    return "\n".join(out)


def test_every_verdict_is_the_reviewed_text_word_for_word():
    """A student reads these hints alone at night: a changed word is a changed lesson.

    After a deliberate change of a hint, rewrite the file with
    ``UPDATE_VERDICTS=1 pytest tests/test_exercises.py -k word_for_word`` and review the diff.
    """
    verdicts = _all_verdicts()
    if os.environ.get("UPDATE_VERDICTS"):
        VERDICTS.write_text(verdicts, encoding="utf-8")
    assert verdicts == VERDICTS.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# Not done yet: one note per cell, the worked version with all its arguments
# --------------------------------------------------------------------------------------


def _run_cell(source, name, namespace):
    """Run ``source`` as a notebook cell does: compiled as a module under its own file name."""
    exec(compile(source, name, "exec"), namespace)


def test_the_not_done_note_is_printed_once_per_run_of_each_cell(monkeypatch, capsys):
    import IPython

    shell = type("Shell", (), {"execution_count": 1})()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)

    def sigmoid(z):
        return ex.not_done_yet("sigmoid", z)

    cell = {"sigmoid": sigmoid}
    _run_cell("sigmoid(0.0)\nsigmoid(1.0)", "<cell-a>", cell)
    assert capsys.readouterr().out.count("sigmoid is not done yet") == 1  # twice, one note
    _run_cell("sigmoid(2.0)", "<cell-a>", cell)
    assert capsys.readouterr().out == ""  # the same run of the same cell: noted already
    _run_cell("sigmoid(2.0)", "<cell-b>", cell)
    assert capsys.readouterr().out.count("sigmoid is not done yet") == 1  # another cell
    shell.execution_count = 2
    _run_cell("sigmoid(2.0)", "<cell-a>", cell)
    assert capsys.readouterr().out.count("sigmoid is not done yet") == 1  # the cell run again


def test_a_stub_passes_keyword_arguments_on_to_the_worked_version(capsys):
    def standardize(X, mean=None, std=None):
        return ex.not_done_yet("standardize", X, mean=mean, std=std)

    X = np.array([[1.0, 3.0], [10.0, 30.0]])
    mean, std = np.array([[0.0], [10.0]]), np.array([[2.0], [20.0]])
    X_std, got_mean, got_std = standardize(X, mean=mean, std=std)
    np.testing.assert_allclose(X_std, [[0.5, 1.5], [0.0, 1.0]])
    assert got_mean is mean and got_std is std


def test_an_exercise_with_no_worked_version_says_which_is_not_done():
    with pytest.raises(ex.NotDoneYet, match="^my_exercise is not done yet$"):
        ex.not_done_yet("my_exercise", 1.0)


def test_the_classic_stub_is_not_mistaken_for_a_call_of_another_stub(capsys):
    def predict(w, b, X):
        raise NotImplementedError()

    ex.check_predict(predict)
    verdict = capsys.readouterr().out
    assert verdict.startswith("predict: not done yet (it raises NotImplementedError)")
    assert "it calls" not in verdict


def test_an_endless_loop_gets_the_loop_hint(monkeypatch, capsys):
    monkeypatch.setattr(ex, "TIME_LIMIT", 1.0)

    def forever(z):
        while True:
            pass

    assert ex.check_sigmoid(forever) is False
    verdict = capsys.readouterr().out
    assert "did not finish within 1 second, on a small case" in verdict
    assert verdict.splitlines()[-1] == (
        "Hint: An endless loop? Check that every while loop changes what its condition tests, "
        "and that a for loop runs over range(m) or range(n_x), not over something that keeps "
        "growing.")


def test_the_cases_hold_float_arrays_of_the_lecture_shapes():
    """Float, so that a student's in-place update of a copy never fails on integer casting;
    finite, so that a changed argument always shows (a NaN equals nothing, itself included)."""
    for exercise in (ex._GRADIENTS, ex._GRADIENTS_LOOP, ex._FORWARD, ex._UPDATE, ex._TRAIN,
                     ex._PREDICT, ex._STANDARDIZE, ex._ACCURACY):
        for case in exercise.cases:
            for value in case.args:
                if isinstance(value, np.ndarray):
                    assert value.dtype == np.float64 and value.ndim == 2
                    assert np.isfinite(value).all()
    column, rows = ex._col([1, 2, 3]), ex._arr([[1, 0, 1]])
    assert column.dtype == rows.dtype == np.float64
    np.testing.assert_array_equal(column, [[1.0], [2.0], [3.0]])
    np.testing.assert_array_equal(rows, [[1.0, 0.0, 1.0]])


def test_every_hint_names_only_the_sizes_its_cases_have():
    """A hint may say {m} or {n_x}: each case of its exercise must have them."""
    for check in CHECKS:
        exercise = _exercise_of(check)
        hints = [slip.hint for slip in exercise.slips] + list((exercise.field_hints or {}).values())
        for case in exercise.cases:
            case.names = exercise.arg_names[: len(case.args)]
            for hint in hints:
                assert "{" not in hint.format(**ex._sizes(case)), hint
