"""The review-spam scorer in the pipeline: a model trained from past moderation decisions, and every review scored.

    staging (dbt) -> ml/spam_scorer_model -> ml/review_spam_scores -> int_flags_review_spam (dbt) -> flagged_items

ml/review_spam_scores is a dbt source (dbt_project/models/staging/ml/_ml__sources.yml) written by a Python asset that
itself reads dbt staging models; Dagster splits the one dbt asset definition into a step before and a step after
it (see the README). The model (pipelines/spam_scorer.py) is trained from the warehouse's reviews with an approved
or rejected moderation decision carrying the spam type, or, when the warehouse has none, from the ViSpamReviews
dataset through its adapter; `giamsat score-reviews` scores a CSV file with the same model.
"""


import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from pipelines import spam_scorer
from pipelines.ingest import open_warehouse
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings
from pipelines.texts import vn_number

MODEL_KEY = AssetKey(["ml", "spam_scorer_model"])
SCORES_KEY = AssetKey(["ml", "review_spam_scores"])
STAGING_REVIEWS = AssetKey(["staging", "stg_platform__reviews"])
STAGING_MODERATION = AssetKey(["staging", "stg_platform__moderation_events"])
SCORES_TABLE = "ml.review_spam_scores"
CHUNK = 10_000  # reviews scored at a time: bounded memory, and the n-gram arrays stay in cache
SCORE_COLUMNS = ("spam_probability", "is_spam", "spam_type")
INPUT_COLUMNS = ("Comment", "Rating")


class NoTrainingData(Exception):
    """Neither the warehouse nor the dataset folder has labelled reviews."""


class Training(NamedTuple):
    train: spam_scorer.LabelledReviews
    dev: spam_scorer.LabelledReviews | None
    source: str  # what the model was trained from, for its metadata and the log


def _warehouse_labelled(settings: Settings) -> spam_scorer.LabelledReviews | None:
    """The labelled reviews of the warehouse (read only; None when there is no DuckDB warehouse file yet)."""
    if settings.warehouse == "duckdb" and not settings.duckdb_path.exists():
        return None
    with open_warehouse(settings, read_only=True) as warehouse:
        return spam_scorer.labelled_from_warehouse(warehouse)


def training_data(settings: Settings) -> Training:
    """The moderation decisions in the warehouse when they name all four classes (else no type can be learnt);
    otherwise ViSpamReviews through its adapter. The dataset's dev split (in the warehouse or the folder) is held
    out of training and measures the model."""
    dataset = settings.shared_data
    has_dataset = (dataset / "vispam_reviews" / "train.csv").exists()
    labelled = _warehouse_labelled(settings)
    if labelled is not None and spam_scorer.has_every_class(labelled):
        train, dev = spam_scorer.split_dev(labelled)
        if not len(dev.texts) and has_dataset:
            dev = spam_scorer.labelled_from_dataset(dataset, "dev")
        return Training(train, dev if len(dev.texts) else None,
                        f"kho dữ liệu: {len(train.texts)} đánh giá có quyết định kiểm duyệt")
    if has_dataset:
        return Training(spam_scorer.labelled_from_dataset(dataset, "train"),
                        spam_scorer.labelled_from_dataset(dataset, "dev"),
                        f"bộ dữ liệu ViSpamReviews (tập train) trong {dataset / 'vispam_reviews'}")
    raise NoTrainingData(
        "Không có dữ liệu để huấn luyện mô hình phát hiện đánh giá spam: kho chưa có đánh giá nào được kiểm duyệt "
        "kèm loại spam (lý do 'spam_type=N'), và không tìm thấy bộ dữ liệu ViSpamReviews tại "
        f"{dataset / 'vispam_reviews'} (biến GIAMSAT_SHARED_DATA). / No labelled reviews in the warehouse and no "
        f"ViSpamReviews dataset at {dataset / 'vispam_reviews'}.")


def ensure_model(settings: Settings, progress: Callable[[str], None] = print):
    """Train (or reuse, when this version is on disk) the model of the current training data; it becomes latest."""
    training = training_data(settings)
    progress(f"Huấn luyện từ {training.source}")
    return spam_scorer.train_or_reuse(settings.home, training.train, training.dev, source=training.source,
                                      progress=progress)


def model_for_scoring(settings: Settings, progress: Callable[[str], None] = print):
    """The model of the last run in the home folder; one trained now when there is none."""
    if spam_scorer.latest_version(settings.home):
        return spam_scorer.load_model(settings.home)
    progress("Chưa có mô hình trong thư mục làm việc: huấn luyện một mô hình mới.")
    return ensure_model(settings, progress)


# ---------------------------------------------------------------------------------------------------------
# Dagster assets
# ---------------------------------------------------------------------------------------------------------

@asset(key=MODEL_KEY, deps=[STAGING_REVIEWS, STAGING_MODERATION], group_name="ml", kinds={"python", "scikit-learn"},
       description="The review-spam scorer, trained from past moderation decisions (or ViSpamReviews), versioned "
                   "under <home>/models/spam_scorer/<version>/ with a `latest` pointer")
def spam_scorer_model(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    settings = warehouse.settings()
    try:
        _, metadata = ensure_model(settings, progress=context.log.info)
    except NoTrainingData as error:
        context.log.warning(str(error))
        return MaterializeResult(metadata={"model_version": "none", "note": str(error)})
    return MaterializeResult(metadata={
        "model_version": metadata["version"], "training_source": metadata["training_source"],
        "training_rows": metadata["training_rows"], **metadata.get("dev_metrics", {}),
        "path": str(spam_scorer.models_root(settings.home) / metadata["version"])})


@asset(key=SCORES_KEY, deps=[MODEL_KEY, STAGING_REVIEWS], group_name="ml", kinds={"python"},
       description="Every review of staging.stg_platform__reviews scored by the latest review-spam scorer")
def review_spam_scores(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    settings = warehouse.settings()
    model = spam_scorer.latest_version(settings.home)
    scorer = spam_scorer.load_model(settings.home)[0] if model else None
    if scorer is None:
        context.log.warning("Không có mô hình phát hiện đánh giá spam: bảng ml.review_spam_scores để trống.")
    with open_warehouse(settings) as connection:
        counts = write_scores(connection, scorer, model)
    return MaterializeResult(metadata={"model_version": model or "none", **counts,
                                       "spam_share": round(counts["spam"] / max(counts["reviews"], 1), 4)})


SCORES_TABLE_COLUMNS = [("review_id", "varchar"), ("spam_probability", "double precision"), ("is_spam", "boolean"),
                        ("spam_type", "integer"), ("model_version", "varchar")]


def write_scores(warehouse, scorer, model_version: str | None) -> dict[str, int]:
    """Replace ml.review_spam_scores with the scores of every staging review with text (none without a model)."""
    warehouse.execute("create schema if not exists ml")
    warehouse.execute(f"drop table if exists {SCORES_TABLE}")
    warehouse.execute(f"create table {SCORES_TABLE} ({', '.join(f'{n} {t}' for n, t in SCORES_TABLE_COLUMNS)})")
    if scorer is None:
        return {"reviews": 0, "spam": 0}
    # Read first, then write: both engines' streaming readers hold the connection until exhausted.
    # Stars without words say nothing a text model can judge (it would call them spam): such reviews get no score.
    reviews = warehouse.read_frame("select review_id, body, rating from staging.stg_platform__reviews "
                                   "where trim(coalesce(body, '')) <> '' order by review_id")
    spam = 0
    for start in range(0, len(reviews), CHUNK):
        chunk = reviews.iloc[start:start + CHUNK]
        scores = scorer.score(chunk["body"].tolist(), chunk["rating"].tolist())
        rows = list(zip(chunk["review_id"], scores.spam_probability.astype(float).tolist(),
                        scores.is_spam.tolist(), scores.spam_type.astype(int).tolist(),
                        [model_version] * len(chunk)))
        with warehouse.transaction():
            warehouse.append_table(SCORES_TABLE, SCORES_TABLE_COLUMNS, rows)
        spam += int(scores.is_spam.sum())
    return {"reviews": len(reviews), "spam": spam}


# ---------------------------------------------------------------------------------------------------------
# giamsat score-reviews
# ---------------------------------------------------------------------------------------------------------

class ScoreError(Exception):
    """A user mistake with the input file: the message says what, in Vietnamese and English."""


def _open_csv(path: Path):
    """The header and a reader of the rest of a UTF-8 CSV file (a BOM is allowed); refuses a file that is not
    one, or lacks a column."""
    if not path.is_file():
        raise ScoreError(f"Không tìm thấy tệp {path}. / File not found: {path}")
    handle = path.open(newline="", encoding="utf-8-sig")
    reader = csv.reader(handle)
    with _read_errors(path, reader):
        header = next(reader, None)
    if header is None:
        handle.close()
        raise ScoreError(f"{path}: tệp rỗng. / The file is empty.")
    missing = [column for column in INPUT_COLUMNS if column not in header]
    if missing:
        handle.close()
        raise ScoreError(f"{path}: thiếu cột {', '.join(missing)} (cần có cột Comment và Rating; tệp có: "
                         f"{', '.join(header)}). / Missing column(s): {', '.join(missing)}.")
    return handle, reader, header


@contextmanager
def _read_errors(path: Path, reader):
    """Decoding and CSV errors as ScoreError, with the line they were found at."""
    try:
        yield
    except UnicodeDecodeError:
        raise ScoreError(
            f"{path}: không đọc được tệp theo bảng mã UTF-8 (sau dòng {reader.line_num}); hãy lưu tệp dưới dạng "
            "CSV UTF-8. / The file is not UTF-8 encoded: save it as CSV UTF-8.") from None
    except csv.Error as error:
        raise ScoreError(f"{path}, dòng {reader.line_num}: tệp CSV không hợp lệ ({error}). / Invalid CSV.") from None


def _chunks(path: Path, reader) -> Iterator[list[list[str]]]:
    chunk = []
    with _read_errors(path, reader):
        for row in reader:
            chunk.append(row)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def score_csv(input_path: Path, output_path: Path, settings: Settings,
              progress: Callable[[str], None] = print) -> dict[str, int]:
    """Write input_path's columns plus spam_probability, is_spam (0/1) and spam_type (0-3) to output_path,
    CHUNK rows at a time; the output appears (renamed from OUTPUT.part) only when every row is scored. It is
    written as the queue export is (pipelines/exports.py: BOM, formulas neutralised), for a spreadsheet."""
    from pipelines.exports import spreadsheet_csv

    handle, reader, header = _open_csv(input_path)  # a bad file is refused before any model is trained
    with handle:
        scorer, metadata = model_for_scoring(settings, progress)
        progress(f"Mô hình phiên bản {metadata['version']} ({metadata['training_source']})")
        output_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = output_path.with_name(output_path.name + ".part")
        try:
            with spreadsheet_csv(temporary) as writer:
                counts = _write_scored(writer, _chunks(input_path, reader), header, scorer, progress)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    temporary.replace(output_path)
    return counts


def _write_scored(writer, chunks, header: list[str], scorer, progress) -> dict[str, int]:
    """Rows without text are not scored, as in the warehouse (write_scores): spam_probability empty, is_spam 0,
    spam_type 0. Rows with text but no valid rating are scored on the text alone; both are counted."""
    comment, rating, width = header.index("Comment"), header.index("Rating"), len(header)
    writer.writerow([*header, *SCORE_COLUMNS])
    counts = {"rows": 0, "spam": 0, "no_text": 0, "bad_rating": 0}
    for chunk in chunks:
        chunk = [row[:width] + [""] * (width - len(row)) for row in chunk]  # short rows padded
        texted = [row for row in chunk if row[comment].strip()]
        scores = scorer.score([row[comment] for row in texted], [row[rating] for row in texted]) if texted else None
        scored = zip(scores.spam_probability, scores.is_spam, scores.spam_type) if texted else iter(())
        for row in chunk:
            if row[comment].strip():
                probability, is_spam, spam_type = next(scored)
                writer.writerow([*row, f"{probability:.4f}", int(is_spam), int(spam_type)])
            else:
                writer.writerow([*row, "", 0, 0])
        counts["rows"] += len(chunk)
        counts["spam"] += int(scores.is_spam.sum()) if texted else 0
        counts["no_text"] += len(chunk) - len(texted)
        counts["bad_rating"] += sum(spam_scorer.as_rating(row[rating]) == 0 for row in texted)
        progress(f"Đã chấm {vn_number(counts['rows'])} đánh giá…")
    return counts
