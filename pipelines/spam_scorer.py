"""The review-spam scorer: is a review spam, and of which type (the three of ViSpamReviews), from its text and rating.

1. features: TF-IDF of character 1–6-grams (across word boundaries, like scikit-learn's `char` analyzer) and of
   word 1–3-grams, over the NFC, lower-cased text, each block of unit length; plus simple features (rating,
   length, non-letters, repeated characters, repetition, URL, phone, diacritics…), `simple_features`;
2. a LinearSVC over them scores the four classes (not spam, types 1–3);
3. the spam probability is a logistic function (Platt scaling) of the margin between the best spam type and
   "not spam", fitted on out-of-fold scores of the training rows; is_spam = probability ≥ the threshold (of
   THRESHOLDS) that scores best on those same out-of-fold scores; spam_type = the best-scored of types 1–3 for
   spam, 0 otherwise.
Training uses the train rows only. The design itself (n-gram ranges, C, no boosting stage) was picked by
comparing a few variants on the dev split, so the dev figures in the README are slightly optimistic; an earlier
design fed the four scores and the simple features to a gradient-boosting stage: it scored no better (dev binary
macro-F1 0.859 against 0.860 for the SVC alone) and cost a second model, so it went.

The n-grams are hashed with numpy over a whole batch at once: scikit-learn's analyzers make every n-gram a Python
string, about 2,000 reviews a second here, far below the 5,000 a second the scorer must reach on one core.

Models are versioned by content (training rows, parameters, this file's code) under
`<home>/models/spam_scorer/<version>/` (model.joblib, metadata.json); `<home>/models/spam_scorer/latest` names the
model of the last run. Nothing is downloaded: scikit-learn only.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import joblib
import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from ingest.validate import vietnam_now
from pipelines.settings import DBT_PROJECT_DIR

# The decision threshold on the spam probability is chosen while training, from these, on out-of-fold scores of
# the training rows (best sum of the two macro-F1): the dev split plays no part in it.
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)

PARAMS = {  # everything else that shapes the model; part of its version
    "hash_bits": 21,  # n-grams hashed into 2**21 buckets, then only those seen in >= min_df training reviews kept
    "char_max_n": 6,
    "word_max_n": 3,
    "min_df": 2,
    "svc_c": 0.3,
    "folds": 3,  # out-of-fold margins for the probability's calibration
    "seed": 0,
}
SPAM_TYPES_SEED = DBT_PROJECT_DIR / "seeds" / "review_spam_types.csv"  # ViSpamReviews' SpamLabel 0-3 and names
MODELS_DIR = Path("models") / "spam_scorer"  # under the home folder
MODEL_FILE, METADATA_FILE, LATEST_FILE = "model.joblib", "metadata.json", "latest"


class LabelledReviews(NamedTuple):
    """Reviews with the moderation decision on them: spam_type 0 (approved) or 1–3 (rejected, with the type)."""
    review_ids: list[str]
    texts: list[str]
    ratings: list
    spam_types: np.ndarray

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for review_id, text, rating, spam_type in sorted(zip(self.review_ids, self.texts, self.ratings,
                                                             self.spam_types.tolist())):
            digest.update(f"{review_id}\x1f{clean(text)}\x1f{as_rating(rating)}\x1f{spam_type}\x1e".encode())
        return digest.hexdigest()


class Scores(NamedTuple):
    spam_probability: np.ndarray
    is_spam: np.ndarray  # bool
    spam_type: np.ndarray  # 0–3


# ---------------------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------------------

def clean(text) -> str:
    """NFC, lower case, runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def as_rating(value) -> int:
    """Stars 1–5; 0 when missing or not a number of stars (the rating features are then all off)."""
    try:
        stars = int(float(value))
    except (TypeError, ValueError):
        return 0
    return stars if 1 <= stars <= 5 else 0


_MULTIPLIER = np.uint32(16777619)  # FNV prime: the polynomial n-gram hash, modulo 2**32
_INVERSE = np.uint32(pow(int(_MULTIPLIER), -1, 2 ** 32))
_SCRAMBLE = np.uint32(2654435761)  # Knuth's multiplicative hash: its top bits pick the bucket
_PUNCTUATION = re.compile(r"[^\w\s]+")


def code_points(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """All texts as one array of code points, ' text ' (words padded by spaces) separated by NUL, and the
    index of the text each position belongs to."""
    codes = np.frombuffer("\x00".join(f" {text} " for text in texts).encode("utf-32-le"), dtype=np.uint32)
    return codes, np.cumsum(codes == 0)


def _bucket(hashes: np.ndarray, bits: int, salt: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        return ((hashes ^ np.uint32(salt)) * _SCRAMBLE) >> np.uint32(32 - bits)


def char_ngrams(codes: np.ndarray, text_of: np.ndarray, max_n: int, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """(text index, bucket) of every character n-gram, n = 1..max_n, that crosses no text boundary (words and the
    spaces between them alike, as scikit-learn's char analyzer takes them)."""
    is_break = codes == 0
    hashes, crosses_text = codes, is_break
    texts, buckets = [], []
    for n in range(1, max_n + 1):
        if n > 1:  # grow every window [i, i + n - 1) by the character at i + n - 1
            with np.errstate(over="ignore"):
                hashes = hashes[:len(codes) - n + 1] * _MULTIPLIER + codes[n - 1:]
            crosses_text = crosses_text[:len(codes) - n + 1] | is_break[n - 1:]
        starts = np.flatnonzero(~crosses_text)
        texts.append(text_of[starts])
        buckets.append(_bucket(hashes[starts], bits, n))
    return np.concatenate(texts), np.concatenate(buckets)


def word_ngrams(texts: list[str], max_n: int, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """(text index, bucket) of every run of 1..max_n adjacent words (punctuation is not part of words)."""
    codes, text_of = code_points([_PUNCTUATION.sub(" ", text) for text in texts])
    boundary = (codes == 0) | (codes == 32)
    starts = np.flatnonzero(~boundary & np.concatenate([[True], boundary[:-1]]))
    ends = np.flatnonzero(~boundary & np.concatenate([boundary[1:], [True]])) + 1
    # Each word's polynomial hash at once, from prefix sums of c[j]·M^(j+1), shifted back by M^-(start+1)
    # (M is odd, so it has an inverse modulo 2**32).
    with np.errstate(over="ignore"):
        powers = np.cumprod(np.full(len(codes), _MULTIPLIER, np.uint32), dtype=np.uint32)
        inverse_powers = np.cumprod(np.full(len(codes), _INVERSE, np.uint32), dtype=np.uint32)
        prefix = np.concatenate([[0], np.cumsum(codes * powers, dtype=np.uint32)]).astype(np.uint32)
        words = (prefix[ends] - prefix[starts]) * inverse_powers[starts]
    text = text_of[starts]
    hashes, texts, buckets = words, [], []
    for n in range(1, max_n + 1):
        if n > 1:  # extend the run of words starting at i by word i + n - 1
            with np.errstate(over="ignore"):
                hashes = hashes[:len(words) - n + 1] * _MULTIPLIER ^ words[n - 1:]
        starts_in_text = np.flatnonzero(text[:len(words) - n + 1] == text[n - 1:])
        texts.append(text[starts_in_text])
        buckets.append(_bucket(hashes[starts_in_text], bits, 100 + n))
    return np.concatenate(texts), np.concatenate(buckets)


def ngram_counts(texts: list[str], codes: np.ndarray, text_of: np.ndarray, params: dict,
                 column_of: np.ndarray | None = None) -> sp.csr_matrix:
    """Texts × buckets: how often each hashed n-gram occurs in each (cleaned) text; character n-grams take the
    buckets below 2**hash_bits, word n-grams those above. With column_of (bucket -> column of the vocabulary, -1
    outside it), texts × vocabulary columns."""
    size = 2 ** params["hash_bits"]
    char_rows, char_buckets = char_ngrams(codes, text_of, params["char_max_n"], params["hash_bits"])
    word_rows, word_buckets = word_ngrams(texts, params["word_max_n"], params["hash_bits"])
    rows = np.concatenate([char_rows, word_rows])
    columns = np.concatenate([char_buckets, word_buckets + np.uint32(size)]).astype(np.int64)
    width = 2 * size
    if column_of is not None:
        columns = column_of[columns]
        rows, columns, width = rows[columns >= 0], columns[columns >= 0], int(column_of.max()) + 1
    counts = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, columns)), shape=(len(texts), width))
    counts.sum_duplicates()
    return counts


_URL = re.compile(r"https?://|www\.|\.(?:com|vn|net)\b")
_PHONE = re.compile(r"(?:\+84|\b0)\d[\d .-]{7,12}\d")
_MONEY = re.compile(r"\d+\s*(?:k|đ|vnđ|vnd|000)\b")
_REPEATED = re.compile(r"(.)\1{2,}")  # a character three times or more in a row
LETTER, DIGIT, UPPER, MARKED, SYMBOL = 1, 2, 4, 8, 16  # character classes counted per text


@functools.cache
def _character_classes() -> np.ndarray:
    """The classes of each code point up to U+FFFF (one more entry for all above: symbols). MARKED: a letter
    with a diacritic, or đ; SYMBOL: emoji, arrows, bullets, everything from U+2000."""
    table = np.zeros(0x10001, np.uint8)
    for code in range(0x10000):
        char = chr(code)
        marked = char.isalpha() and (unicodedata.normalize("NFD", char) != char or char in "đĐ")
        table[code] = (LETTER * char.isalpha() | DIGIT * char.isdigit() | UPPER * char.isupper()
                       | MARKED * marked | SYMBOL * (code >= 0x2000))
    table[0x10000] = SYMBOL
    return table


def class_counts(codes: np.ndarray, text_of: np.ndarray, count: int, flag: int) -> np.ndarray:
    """How many characters of each text are of the class."""
    classes = _character_classes()[np.minimum(codes, 0x10000)]
    return np.bincount(text_of, weights=(classes & flag) > 0, minlength=count)


def text_features(raw: str, text: str) -> list[float]:
    """What a regular expression or a library sees in one text. raw: as written; text: clean()."""
    length = max(len(text), 1)
    words = text.split() or [""]
    pairs = list(zip(words, words[1:]))
    runs = [len(m.group(0)) for m in _REPEATED.finditer(text)]
    encoded = text.encode()
    return [
        math.log1p(len(text)) / 7, math.log1p(len(words)) / 5,
        math.log1p(max(runs, default=0)) / 4, sum(runs) / length,  # "okkkkkk", "!!!!!!"
        len(set(words)) / len(words), 1 - len(set(pairs)) / max(len(pairs), 1),  # repeated words and phrases
        len(zlib.compress(encoded)) / max(len(encoded), 1),  # low: the text repeats itself
        float(bool(_URL.search(text))), float(bool(_PHONE.search(text))), float(bool(_MONEY.search(text))),
        raw.count("\n") / 10,  # adverts come in lines
        math.log1p(max(map(len, words))) / 4, sum(map(len, words)) / len(words) / 10,
        text.count("!") / length * 10, text.count("?") / length * 10, float("#" in text),
    ]


def simple_features(raws: list[str], texts: list[str], codes: np.ndarray, text_of: np.ndarray,
                    ratings: list) -> np.ndarray:
    """A few numbers per review, each 0–1, that the n-grams do not see: stars, shares of character
    classes, and text_features. codes, text_of: code_points(texts)."""
    count = len(texts)
    stars = np.array([as_rating(r) for r in ratings])
    length = np.maximum([len(t) for t in texts], 1)
    letters = class_counts(codes, text_of, count, LETTER)
    raw_codes, raw_text_of = code_points(raws)
    shares = [
        1 - letters / length,
        class_counts(codes, text_of, count, DIGIT) / length,
        class_counts(codes, text_of, count, SYMBOL) / length,
        class_counts(codes, text_of, count, MARKED) / np.maximum(letters, 1),  # keyboard mashing has none
        class_counts(raw_codes, raw_text_of, count, UPPER)  # shouting
        / np.maximum(class_counts(raw_codes, raw_text_of, count, LETTER), 1),
    ]
    features = np.column_stack([stars[:, None] == np.arange(1, 6), *shares,
                                np.array([text_features(r, t) for r, t in zip(raws, texts)]).reshape(count, -1)])
    return np.minimum(features, 1.0)  # the few long tails cut at 1: large values slow the LinearSVC down


# ---------------------------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------------------------

class SpamScorer:
    """fit() on labelled reviews, then score() any texts and ratings."""

    def __init__(self, params: dict = PARAMS):
        self.params = params

    def _inputs(self, texts: list, ratings: list, column_of: np.ndarray | None = None):
        """Hashed n-gram counts and the simple features."""
        raws = [text or "" for text in texts]
        cleaned = [clean(text) for text in raws]
        codes, text_of = code_points(cleaned)
        return (ngram_counts(cleaned, codes, text_of, self.params, column_of),
                simple_features(raws, cleaned, codes, text_of, ratings))

    @staticmethod
    def _features(counts, simple, tfidf, word_start: int) -> sp.csr_matrix:
        """TF-IDF of the character and of the word n-grams, each block of unit length (as two scikit-learn
        vectorizers side by side give: neither drowns the other), and the simple features."""
        weighted = tfidf.transform(counts)
        return sp.hstack([normalize(weighted[:, :word_start]), normalize(weighted[:, word_start:]),
                          sp.csr_matrix(simple)], format="csr")

    def _class_scores(self, counts, simple, linear) -> np.ndarray:
        tfidf, word_start, svc = linear
        return svc.decision_function(self._features(counts, simple, tfidf, word_start))

    @staticmethod
    def _margin(class_scores: np.ndarray) -> np.ndarray:
        """How much more the best spam type scores than "not spam": > 0 where the SVC would say spam."""
        return class_scores[:, 1:].max(axis=1) - class_scores[:, 0]

    def _fit_linear(self, counts, simple, spam_types):
        """The vocabulary (buckets in >= min_df reviews), and (its TF-IDF, where the word n-grams start in it,
        the four-class LinearSVC)."""
        columns = np.flatnonzero(np.bincount(counts.indices, minlength=counts.shape[1]) >= self.params["min_df"])
        counts = counts[:, columns]
        word_start = int(np.searchsorted(columns, 2 ** self.params["hash_bits"]))
        tfidf = TfidfTransformer(norm=None, sublinear_tf=True).fit(counts)
        svc = LinearSVC(C=self.params["svc_c"], class_weight="balanced", random_state=self.params["seed"])
        svc.fit(self._features(counts, simple, tfidf, word_start), spam_types)
        return columns, (tfidf, word_start, svc)

    def fit(self, texts: list, ratings: list, spam_types: np.ndarray, progress: Callable[[str], None] = print):
        spam_types = np.asarray(spam_types)
        progress(f"Tính đặc trưng của {len(texts):,} đánh giá…".replace(",", "."))
        counts, simple = self._inputs(texts, ratings)
        # The probability is calibrated, and the threshold chosen, on scores the SVC gives reviews it was not
        # trained on.
        held_out_scores = np.zeros((len(texts), 4))
        folds = StratifiedKFold(self.params["folds"], shuffle=True, random_state=self.params["seed"])
        for number, (fit_rows, held_out) in enumerate(folds.split(counts, spam_types), start=1):
            progress(f"Kiểm định chéo: phần {number}/{self.params['folds']}…")
            columns, linear = self._fit_linear(counts[fit_rows], simple[fit_rows], spam_types[fit_rows])
            held_out_scores[held_out] = self._class_scores(counts[held_out][:, columns], simple[held_out], linear)
        progress("Huấn luyện mô hình cuối trên toàn bộ dữ liệu…")
        columns, self.linear = self._fit_linear(counts, simple, spam_types)
        self.column_of = np.full(counts.shape[1], -1, np.int32)
        self.column_of[columns] = np.arange(len(columns))
        self.calibration = LogisticRegression().fit(self._margin(held_out_scores)[:, None], spam_types > 0)
        self.threshold = max(THRESHOLDS, key=lambda threshold: sum(
            macro_f1(spam_types, self._decide(held_out_scores, threshold)).values()))
        return self

    def _decide(self, class_scores: np.ndarray, threshold: float) -> Scores:
        probability = self.calibration.predict_proba(self._margin(class_scores)[:, None])[:, 1]
        is_spam = probability >= threshold
        return Scores(probability, is_spam, np.where(is_spam, class_scores[:, 1:].argmax(axis=1) + 1, 0))

    def score(self, texts: list, ratings: list, threshold: float | None = None) -> Scores:
        """threshold: the spam probability from which a review is spam; default the one chosen in fit()."""
        counts, simple = self._inputs(texts, ratings, self.column_of)
        return self._decide(self._class_scores(counts, simple, self.linear),
                            self.threshold if threshold is None else threshold)


def macro_f1(spam_types: np.ndarray, scores: Scores) -> dict[str, float]:
    """The two goals: spam / not spam, and the four classes (not spam + three types)."""
    spam_types = np.asarray(spam_types)
    return {"binary_macro_f1": round(float(f1_score(spam_types > 0, scores.is_spam, average="macro")), 4),
            "type_macro_f1": round(float(f1_score(spam_types, scores.spam_type, average="macro")), 4)}


# ---------------------------------------------------------------------------------------------------------
# Versions on disk
# ---------------------------------------------------------------------------------------------------------

def model_version(training: LabelledReviews, params: dict = PARAMS) -> str:
    """A content hash of the training rows, the parameters and the code: same inputs, same version."""
    digest = hashlib.sha256(training.fingerprint().encode())
    digest.update(json.dumps(params, sort_keys=True).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def models_root(home: Path) -> Path:
    return Path(home) / MODELS_DIR


def latest_version(home: Path) -> str | None:
    """The version of the last run's model in home, if there is one on disk."""
    pointer = models_root(home) / LATEST_FILE
    version = pointer.read_text().strip() if pointer.exists() else ""
    return version if version and (models_root(home) / version / MODEL_FILE).exists() else None


def load_model(home: Path, version: str | None = None) -> tuple[SpamScorer, dict]:
    version = version or latest_version(home)
    if version is None:
        raise FileNotFoundError(f"no spam scorer model in {models_root(home)}")
    folder = models_root(home) / version
    return joblib.load(folder / MODEL_FILE), json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))


def _point_latest(home: Path, version: str) -> None:
    pointer = models_root(home) / LATEST_FILE
    temporary = pointer.with_suffix(".tmp")
    temporary.write_text(version + "\n")
    temporary.replace(pointer)  # atomic: a reader sees the old or the new version, never half a name


def train_or_reuse(home: Path, training: LabelledReviews, dev: LabelledReviews | None = None, source: str = "",
                   progress: Callable[[str], None] = print) -> tuple[SpamScorer, dict]:
    """The model of these training rows: loaded when this version is on disk, else trained, measured on dev
    and saved. Either way it becomes `latest`."""
    version = model_version(training)
    folder = models_root(home) / version
    if (folder / MODEL_FILE).exists():
        progress(f"Mô hình phiên bản {version} đã có (cùng dữ liệu huấn luyện và mã): dùng lại.")
        _point_latest(home, version)
        return load_model(home, version)
    began = datetime.now()
    scorer = SpamScorer().fit(training.texts, training.ratings, training.spam_types, progress=progress)
    metadata = {
        "version": version,
        "created_at": vietnam_now().isoformat(timespec="seconds"),  # Vietnam time, as the batch log
        "training_source": source,
        "training_rows": len(training.texts),
        "training_spam_types": {str(k): int(v) for k, v in zip(*np.unique(training.spam_types, return_counts=True))},
        "training_seconds": round((datetime.now() - began).total_seconds(), 1),
        "spam_threshold": scorer.threshold,
        "params": PARAMS,
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                      "joblib": joblib.__version__},
    }
    if dev is not None and len(dev.texts):
        metadata["dev_rows"] = len(dev.texts)
        metadata["dev_metrics"] = macro_f1(dev.spam_types, scorer.score(dev.texts, dev.ratings))
        progress(f"Trên tập dev ({len(dev.texts)} đánh giá): macro-F1 spam/không spam "
                 f"{metadata['dev_metrics']['binary_macro_f1']:.4f}, loại spam {metadata['dev_metrics']['type_macro_f1']:.4f}")
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(scorer, folder / MODEL_FILE, compress=3)
    (folder / METADATA_FILE).write_text(json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    _point_latest(home, version)
    progress(f"Đã lưu mô hình phiên bản {version} vào {folder}")
    return scorer, metadata


# ---------------------------------------------------------------------------------------------------------
# Labelled reviews: the moderation decisions in the warehouse, or the dataset through its adapter
# ---------------------------------------------------------------------------------------------------------

VISPAM_PREFIX = "vispam-{split}-"  # ids the vispam adapter gives the reviews of each split
DECISIONS = ("approved", "rejected")
_SPAM_TYPE_REASON = re.compile(r"spam_type=([0-3])\b")


def spam_type_of(action: str, reason: str | None) -> int | None:
    """Approved: 0. Rejected: the type in the reason (`spam_type=N`), None when the reason gives no type."""
    if action == "approved":
        return 0
    match = _SPAM_TYPE_REASON.search(reason or "")
    return int(match.group(1)) if match and match.group(1) != "0" else None


def labelled(rows: Iterable[tuple[str, str, object, str, str | None]]) -> LabelledReviews:
    """From (review_id, text, rating, decision, reason) rows; reviews without a usable label are left out."""
    kept = [(review_id, text, rating, spam_type_of(action, reason))
            for review_id, text, rating, action, reason in rows]
    kept = sorted(row for row in kept if row[3] is not None)
    review_ids, texts, ratings, spam_types = (list(column) for column in zip(*kept)) if kept else ([],) * 4
    return LabelledReviews(review_ids, texts, ratings, np.array(spam_types, dtype=np.int64))


LABELLED_REVIEWS_SQL = """
with decisions as (
    select object_id, action, reason,
           row_number() over (partition by object_id order by occurred_at desc, event_id desc) as newest
    from staging.stg_platform__moderation_events
    where object_type = 'review' and action in ('approved', 'rejected')
)
select reviews.review_id, reviews.body, reviews.rating, decisions.action, decisions.reason
from staging.stg_platform__reviews as reviews
join decisions on decisions.object_id = reviews.review_id and decisions.newest = 1
"""


def labelled_from_warehouse(warehouse) -> LabelledReviews:
    """Every review (staging, latest version) whose latest moderation decision gives its label."""
    if not (warehouse.has_table("staging", "stg_platform__reviews")
            and warehouse.has_table("staging", "stg_platform__moderation_events")):
        return labelled([])  # dbt has not run yet: nothing labelled in the warehouse
    return labelled(warehouse.execute(LABELLED_REVIEWS_SQL))


@functools.cache
def spam_types() -> dict[int, str]:
    """The classes (0 not spam, 1-3 the spam types of Van Dinh et al., ACIIDS 2022) and their Vietnamese names,
    from the dbt seed that the flags use too."""
    with SPAM_TYPES_SEED.open(encoding="utf-8", newline="") as handle:
        return {int(row["spam_type"]): row["type_vi"] for row in csv.DictReader(handle)}


def has_every_class(reviews: LabelledReviews) -> bool:
    """Enough to learn from: not spam and each of the three spam types."""
    return set(np.unique(reviews.spam_types).tolist()) == set(spam_types())


def split_dev(reviews: LabelledReviews) -> tuple[LabelledReviews, LabelledReviews]:
    """(train, dev): ViSpamReviews' dev split, when the warehouse holds it, is kept out of training to measure."""
    dev_prefix = VISPAM_PREFIX.format(split="dev")
    is_dev = np.array([review_id.startswith(dev_prefix) for review_id in reviews.review_ids], dtype=bool)

    def part(mask: np.ndarray) -> LabelledReviews:
        rows = np.flatnonzero(mask)
        return LabelledReviews([reviews.review_ids[i] for i in rows], [reviews.texts[i] for i in rows],
                               [reviews.ratings[i] for i in rows], reviews.spam_types[rows])

    return part(~is_dev), part(is_dev)


def labelled_from_dataset(data_dir: Path, split: str) -> LabelledReviews:
    """The split read through the vispam adapter: the same records the loader would put in the warehouse."""
    from ingest.adapters import vispam

    file_name = f"{split}.csv"
    sources = {s.record_type: s for s in vispam.sources(data_dir) if s.name == f"vispam:{file_name}"}
    decisions = {event["object_id"]: event for _, event in sources["moderation_events"].rows_factory()
                 if event["action"] in DECISIONS}
    return labelled((review["review_id"], review["text"], review["rating"],
                     decisions[review["review_id"]]["action"], decisions[review["review_id"]]["reason"])
                    for _, review in sources["reviews"].rows_factory() if review["review_id"] in decisions)
