"""The measured claims of the project, side by side with their targets.

``python -m benchmarks`` (or ``make bench``) runs them all and writes
``benchmarks/results.md`` and ``benchmarks/results.png``;
``python -m benchmarks --quick`` runs tiny sizes to check that the benchmarks
still work (``make test`` does it) and judges nothing.

One module per claim, each with ``run(quick, machine_line) -> Claim``:

1. ``loop``        the vectorized gradients against the loop over examples
2. ``bandwidth``   one gradient step against two BLAS passes over X
3. ``peer``        loss and gradient against scikit-learn's own
4. ``memory``      no copy of X: tracemalloc's peak during one call
5. ``notebooks``   every notebook in a fresh kernel, and the nbval run
6. ``playground``  one update of the learning-rate playground
7. ``imports``     ``import logreg_helpers`` against ``import numpy``
8. ``numpy_path``  ``gradients`` and ``train`` against the package before the array-API dispatch
9. ``dask_stream`` one step on a dask array, in bytes of X per second, against numpy and one read
10. ``out_of_core`` training on an X several times larger than its worker's memory limit

Timing rules (see ``timing``): ratios only between functions timed in the
same run, repetitions interleaved, best and median both reported.
"""
