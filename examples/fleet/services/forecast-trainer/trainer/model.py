"""Fits one gradient-boosted model per site and stores it in S3 for the forecast API."""
import io
import os
import pickle

import boto3
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

MODEL_BUCKET = os.environ.get("MODEL_BUCKET", "fleet-forecast-models")


def features(frame: pd.DataFrame) -> pd.DataFrame:
    ts = pd.to_datetime(frame["window_start"])
    return pd.DataFrame({
        "hour": ts.dt.hour,
        "dow": ts.dt.dayofweek,
        "month": ts.dt.month,
        "lag_1": frame["avg_kw"].shift(1),
        "lag_288": frame["avg_kw"].shift(288),
    }).fillna(0.0)


def train_and_publish(frames: dict) -> None:
    s3 = boto3.client("s3")
    for site_id, rows in frames.items():
        frame = pd.DataFrame(rows).sort_values("window_start")
        if len(frame) < 288:
            continue
        model = HistGradientBoostingRegressor(max_iter=200)
        model.fit(features(frame), frame["avg_kw"])
        buf = io.BytesIO()
        pickle.dump(model, buf)
        s3.put_object(Bucket=MODEL_BUCKET, Key=f"sites/{site_id}/model.pkl", Body=buf.getvalue())
