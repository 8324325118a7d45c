#!/usr/bin/python3
"""Writes the word-bag fixture of tests/MLNet.DeepTrainers.Tests/Transforms/WordBagTests.cs.

scikit-learn's CountVectorizer and TfidfTransformer (Debian's python3-sklearn) on the first 150
sentences of data/text/imdb_sentences.tsv, split into words at spaces as ProduceWordBags splits them
(no lower-casing, no token pattern). For each case: the n-grams (words joined with spaces) and each
row's non-zero values as [n-gram index, value]. TfidfTransformer(smooth_idf=False, norm=None) gives
count * (ln(rows / document frequency) + 1); ML.NET's TfIdf has no "+ 1", which the test accounts for.

    /usr/bin/python3 eng/golden/word_bags.py tests/MLNet.DeepTrainers.Tests/Fixtures/word_bags.json
"""
import json, sys
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

with open("data/text/imdb_sentences.tsv", encoding="utf-8") as f:
    documents = [line.rstrip("\n").split("\t")[0] for line in f][:150]

def words(text):
    return [w for w in text.split(" ") if w]

def case(ngram_range, tfidf):
    vectorizer = CountVectorizer(tokenizer=words, lowercase=False, token_pattern=None, ngram_range=ngram_range)
    counts = vectorizer.fit_transform(documents)
    values = TfidfTransformer(smooth_idf=False, norm=None).fit_transform(counts) if tfidf else counts
    values = values.tocsr()
    rows = [[[int(j), float(v)] for j, v in zip(values.indices[values.indptr[i]:values.indptr[i + 1]], values.data[values.indptr[i]:values.indptr[i + 1]])]
            for i in range(values.shape[0])]
    return {"ngrams": vectorizer.get_feature_names_out().tolist(), "rows": rows}

fixture = {
    "documents": documents,
    "cases": {
        "tf_1_2": case((1, 2), False),
        "tfidf_1_2": case((1, 2), True),
        "tf_3_only": case((3, 3), False),
    },
}
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(fixture, f, ensure_ascii=False)
print("wrote", sys.argv[1], {name: len(c["ngrams"]) for name, c in fixture["cases"].items()})
