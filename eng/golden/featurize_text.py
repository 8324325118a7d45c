#!/usr/bin/python3
"""Writes the FeaturizeText fixture of tests/MLNet.DeepTrainers.Tests/Transforms/FeaturizeTextTests.cs.

scikit-learn (Debian's python3-sklearn) on the first 40 sentences of data/text/imdb_sentences.tsv that
are ASCII without '|', lower-cased (all NormalizeText changes in ASCII with its defaults):
- words: CountVectorizer on the words split at spaces, then each row scaled to unit L2 norm;
- characters: CountVectorizer(analyzer="char", ngram_range=(3, 3)) on "\\x02" + text + "\\x03" (ML.NET's
  markers around a text), each row scaled to unit L2 norm.
For each row, the non-zero values as {n-gram: value}; word n-grams as the words, character ones as
their three characters.

    /usr/bin/python3 eng/golden/featurize_text.py tests/MLNet.DeepTrainers.Tests/Fixtures/featurize_text.json
"""
import json, sys
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

with open("data/text/imdb_sentences.tsv", encoding="utf-8") as f:
    texts = [line.rstrip("\n").split("\t")[0] for line in f]
texts = [t for t in texts if t.isascii() and "|" not in t][:40]
lowered = [t.lower() for t in texts]

def rows(vectorizer, documents):
    values = normalize(vectorizer.fit_transform(documents), norm="l2").tocsr()
    names = vectorizer.get_feature_names_out()
    return [{str(names[j]): float(v) for j, v in zip(values.indices[values.indptr[i]:values.indptr[i + 1]], values.data[values.indptr[i]:values.indptr[i + 1]])}
            for i in range(values.shape[0])]

words = CountVectorizer(tokenizer=lambda t: [w for w in t.split(" ") if w], lowercase=False, token_pattern=None)
chars = CountVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=False)
fixture = {"texts": texts, "words": rows(words, lowered), "chars": rows(chars, ["\x02" + t + "\x03" for t in lowered])}
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(fixture, f, ensure_ascii=True)
print("wrote", sys.argv[1], len(texts), "texts")
