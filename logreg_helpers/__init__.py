"""Logistic regression trained by gradient descent, in the order the notebooks teach it.

01 one example ........ graph.example_graph, one_example; ComputationGraph (Node, Edge)
02 the loop over m .... loop.gradients_loop
03 vectorized ......... vectorized.forward, cost, backward, update, gradients, train, predict
numerics .............. sigmoid, loss, gradient_check, largest_safe_alpha
data .................. toy_data, breast_cancer, standardize

Plots and widgets live in ``logreg_helpers.plots`` and ``logreg_helpers.widgets``;
import them explicitly (they need matplotlib and ipywidgets).
"""

from .data import breast_cancer, standardize, toy_data
from .graph import ComputationGraph, Edge, ExampleGraph, Node, example_graph, one_example
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
    "ComputationGraph",
    "DivergenceWarning",
    "Edge",
    "ExampleGraph",
    "TrainResult",
    "backward",
    "breast_cancer",
    "cost",
    "example_graph",
    "forward",
    "gradient_check",
    "gradients",
    "gradients_loop",
    "largest_safe_alpha",
    "loss",
    "naive_loss",
    "naive_sigmoid",
    "Node",
    "numerical_gradient",
    "one_example",
    "predict",
    "relative_difference",
    "sigmoid",
    "standardize",
    "toy_data",
    "train",
    "update",
]
