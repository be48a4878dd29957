"""Logistic regression trained by gradient descent, in the order the notebooks teach it.

01 one example ........ graph.example_graph
02 the loop over m .... loop.gradients_loop
03 vectorized ......... vectorized.forward, cost, backward, update, gradients, train, predict
numerics .............. sigmoid, loss, gradient_check, largest_safe_alpha
data .................. toy_data, breast_cancer, standardize, digits, digit_pair

Plots and widgets live in ``logreg_helpers.plots`` and ``logreg_helpers.widgets``;
import them explicitly (they need matplotlib and ipywidgets).
"""

from .data import breast_cancer, digit_pair, digits, standardize, toy_data
from .graph import ExampleGraph, example_graph
from .loop import gradients_loop
from .numerics import (
    gradient_check,
    largest_safe_alpha,
    loss,
    naive_loss,
    naive_sigmoid,
    numerical_gradient,
    relative_difference,
    sigmoid,
)
from .vectorized import (
    DivergenceWarning,
    TrainResult,
    backward,
    cost,
    forward,
    gradients,
    predict,
    train,
    update,
)

__all__ = [
    "DivergenceWarning",
    "ExampleGraph",
    "TrainResult",
    "backward",
    "breast_cancer",
    "cost",
    "digit_pair",
    "digits",
    "example_graph",
    "forward",
    "gradient_check",
    "gradients",
    "gradients_loop",
    "largest_safe_alpha",
    "loss",
    "naive_loss",
    "naive_sigmoid",
    "numerical_gradient",
    "predict",
    "relative_difference",
    "sigmoid",
    "standardize",
    "toy_data",
    "train",
    "update",
]
