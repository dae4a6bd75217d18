"""The words signal: a claim's sentence against the text of a fact key, by TF-IDF cosine.

A document is one sentence, as provenance/sentences.py cuts them (more surrounding text
made matching worse on the seeds). Its features are word tokens (with a letter; figures
are the values' signal; English stop words left out) and the character 3-5-grams of
those words (``char_wb``: each word padded with spaces), each part TF-IDF weighted and
normalised, then joined with equal weight, so a cosine is the mean of the two parts'.

Character n-grams are counted per distinct word and then per document through one sparse
product (document x word counts times word x n-gram counts): scikit-learn's own
``char_wb`` analyzer over every document's characters took 7 s for 60,000 short
documents, the same analyzer over their distinct words a fraction of that. N-grams and
words found in more than ``max(MIN_DF_CAP, DF_CAP_SHARE * documents)`` documents are
dropped: they weigh little and would make every pair of documents share features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MIN_DF_CAP, DF_CAP_SHARE = 100, 0.02
WORD = r"(?u)\b(?=\w*[^\W\d_])\w\w+\b"  # two or more word characters, one a letter


def key_words(fact_key: str) -> str:
    """A fact key's name as words: ``kursk.assault_force.size`` -> ``kursk assault force size``."""
    return re.sub(r"[._]+", " ", fact_key)


@dataclass(frozen=True)
class Vectors:
    """Unit-length TF-IDF rows of the keys' and the claims' documents, and the word part
    alone (with its vocabulary) to name the words a claim and a key share."""

    keys: object  # scipy.sparse.csr_matrix, float32
    claims: object
    key_words: object
    claim_words: object
    vocabulary: np.ndarray

    def shared_words(self, claim: int, key: int, most: int = 3) -> list[str]:
        """The words of the claim's sentence also in the key's text, weightiest first."""
        a, b = self.claim_words, self.key_words
        a_cols, a_data = _row(a, claim)
        b_cols, b_data = _row(b, key)
        common, in_a, in_b = np.intersect1d(a_cols, b_cols, assume_unique=True,
                                            return_indices=True)
        order = np.argsort(-(a_data[in_a] * b_data[in_b]), kind="stable")[:most]
        return [str(self.vocabulary[i]) for i in common[order]]


def _row(matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    """A CSR row's column indices and values, without making a one-row matrix."""
    begin, end = matrix.indptr[row], matrix.indptr[row + 1]
    return matrix.indices[begin:end], matrix.data[begin:end]


def _weighted(counts, cap: int):
    """TF-IDF (sublinear tf, unit rows) of the columns found in at most ``cap`` documents."""
    from sklearn.feature_extraction.text import TfidfTransformer

    df = np.bincount(counts.indices, minlength=counts.shape[1])
    kept = np.flatnonzero((df <= cap) & (df > 0))
    return TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, kept]).astype(np.float32)


def vectorise(key_docs: list[str], claim_docs: list[str]) -> Vectors:
    """TF-IDF vectors of both document sets, fitted on them together."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    docs = [*key_docs, *claim_docs]
    counter = CountVectorizer(token_pattern=WORD, dtype=np.float32)
    words = counter.fit_transform(docs).tocsr()
    vocabulary = counter.get_feature_names_out()
    grams = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False,
                            dtype=np.float32).fit_transform(vocabulary)
    cap = max(MIN_DF_CAP, int(DF_CAP_SHARE * len(docs)))
    chars = _weighted((words @ grams).tocsr(), cap)
    content = np.flatnonzero(~np.isin(vocabulary, list(ENGLISH_STOP_WORDS)))
    word_counts = words[:, content]
    df = np.bincount(word_counts.indices, minlength=word_counts.shape[1])
    kept = content[df <= cap]
    word_part = _weighted(words[:, kept], len(docs))
    joined = (hstack([chars, word_part]).tocsr() * np.float32(np.sqrt(0.5))).astype(np.float32)
    n = len(key_docs)
    return Vectors(joined[:n], joined[n:], word_part[:n], word_part[n:], vocabulary[kept])
