"""Serving at scale from Python: the replicas-for-P99 pipeline searched with where/top/by,
the batching optimizer, inference scaling's nested serving answer and an unstable queue."""

import math

import pytest

import mlsysim


def test_the_fewest_replicas_that_meet_a_p99_target(source_dir):
    spec = source_dir / "examples" / "pipelines" / "replicas-for-p99.json"
    best = mlsysim.pipeline(spec, where="p99 <= 3 s", top=1, by="replicas", ascending=True)
    assert len(best) == 1
    # Stable needs 100/s < replicas x 64 admitted requests / service time.
    ttft = float(mlsysim.solve("serving", model="Llama3_8B", hardware="H100", seq_len=2048)["ttft"])
    step = float(mlsysim.solve("continuous_batching", model="Llama3_8B", hardware="H100", seq_len=2048,
                               max_batch_size=64)["itl"])
    service = ttft + 255 * step
    assert best["replicas"].iloc[0] == math.floor(100 * service / 64) + 1
    assert best["p99"].iloc[0] <= 3.0


def test_batching_finds_the_largest_batch_that_meets_the_sla():
    # physics-more.md §3.4: 128 tokens within 5000 ms at 2/s, batches up to 64 -> 64, P99 2056.24 ms.
    r = mlsysim.solve("batching", model="Llama3_8B", hardware="H100", seq_len=128, sla_latency_ms=5000,
                      arrival_rate_qps=2, max_search_batch=64)
    assert r["best_batch_size"] == 64
    assert float(r["p99_latency"]) == pytest.approx(2.056239859134591, rel=1e-9)
    with pytest.raises(mlsysim.BadInput) as err:
        mlsysim.solve("batching", model="ResNet50", hardware="H100", seq_len=128, sla_latency_ms=5000,
                      arrival_rate_qps=2)
    assert err.value.field == "model"


def test_inference_scaling_carries_servings_answer():
    r = mlsysim.solve("inference_scaling", model="Llama3_70B", hardware="B200", reasoning_steps=1)
    # physics-more.md §3.5: TTFT + 50 x ITL = 1193.5224962468978 ms.
    assert float(r["total_reasoning_time"]) == pytest.approx(1.1935224962468978, rel=1e-9)
    assert float(r["serving_detail.ttft"]) == float(r["ttft"])


def test_an_unstable_queue_is_an_infinite_p99_not_an_error():
    r = mlsysim.solve("tail_latency", arrival_rate_qps=150, service_latency_ms=10)
    assert math.isinf(float(r["p99_latency"]))
    assert r["is_stable"] is False
    frame = mlsysim.sweep("tail_latency", over={"arrival_rate_qps": [50, 150]}, set={"service_latency_ms": 10},
                          where="p99_latency <= 1 s")
    assert list(frame["arrival_rate_qps"]) == [50]
